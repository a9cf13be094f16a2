import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, type FieldError } from '@onewindow/http';
import { tradeNameFor, validForm } from '../testing/form-fixture';
import { RegistrationFormDto } from './dto/registration-form.dto';

const pipe = createValidationPipe();
async function problems(body: unknown): Promise<FieldError[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: RegistrationFormDto });
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return ((e as BadRequestException).getResponse() as { details: FieldError[] }).details;
  }
}
const fields = async (body: unknown) => (await problems(body)).map((d) => d.field).sort();

describe('the one form, validated as a whole (R1)', () => {
  it('accepts a valid form', async () => {
    expect(await problems(validForm())).toEqual([]);
  });

  it('lists everything wrong at once, each field with its problem', async () => {
    const form = validForm({
      authorityDivision: '999999',
      registeredCapitalFen: 0,
      businessScope: '   ',
      nameCandidates: [],
      legalRepresentative: { name: '李四', phone: '12345', residentId: '120101199003071234' },
    });
    form.shareholders[0]!.shareBasisPoints = 5000;
    (form as unknown as Record<string, unknown>).extra = 1;
    const d = await problems(form);
    expect(d.map((x) => x.field).sort()).toEqual([
      'authorityDivision',
      'businessScope',
      'extra',
      'legalRepresentative.phone',
      'legalRepresentative.residentId',
      'nameCandidates',
      'registeredCapitalFen',
      'shareholders',
    ]);
    const text = (f: string) => d.find((x) => x.field === f)!.problems.join(' ');
    expect(text('legalRepresentative.residentId')).toMatch(/check character/);
    expect(text('shareholders')).toMatch(/shares must add up to 100%, got 90.00%.*contributions/);
    expect(text('authorityDivision')).toMatch(/unknown division/);
    expect(text('registeredCapitalFen')).toMatch(/capital must be positive/);
  });

  it('checks contributions against the capital and the id number against the shareholder kind', async () => {
    const form = validForm({ registeredCapitalFen: 200_000_000 });
    form.shareholders[1]!.idNumber = '11010519491231002X';
    expect(await fields(form)).toEqual(['shareholders', 'shareholders.1.idNumber']);
  });

  it("refuses a domicile outside the authority's jurisdiction, and an unknown one", async () => {
    expect(await fields(validForm({ domicile: { division: '120104', address: '天津市南开区某路 1 号' } }))).toEqual([
      'domicile',
    ]);
    expect(await fields(validForm({ domicile: { division: '129901', address: '某地某路 1 号' } }))).toEqual([
      'domicile',
    ]);
    // The city authority takes any Tianjin domicile, including a street.
    expect(
      await fields(
        validForm({
          authorityDivision: '120000',
          domicile: { division: '120101001', address: '天津市和平区劝业场街 1 号' },
        }),
      ),
    ).toEqual([]);
  });

  it("needs one name candidate passing the rules; lists every candidate's problems otherwise", async () => {
    expect(await fields(validForm({ nameCandidates: ['天津第一科技有限公司', '天津海河科技有限公司'] }))).toEqual([]);
    const d = await problems(validForm({ nameCandidates: ['天津第一科技有限公司', '北京海河科技有限公司'] }));
    expect(d).toEqual([
      {
        field: 'nameCandidates',
        problems: [expect.stringMatching(/candidate 1.*forbidden word.*candidate 2.*division/s)],
      },
    ]);
  });

  it('requires the self-declaration at the free-trade zone only', async () => {
    const ftz = { authorityDivision: '120191', domicile: { division: '120116', address: '天津自贸试验区某路 1 号' } };
    expect(await fields(validForm(ftz))).toEqual(['nameSelfDeclaration']);
    expect(await fields(validForm({ ...ftz, nameSelfDeclaration: true }))).toEqual([]);
    expect(await fields(validForm())).toEqual([]);
  });

  it('requires the official seal and every department section', async () => {
    const form = validForm({
      seal: { seals: ['finance'], engraverUscc: '91120101MA05T8K25M', engraverName: '刻章店' },
    });
    delete (form as Partial<RegistrationFormDto>).statistics;
    expect(await fields(form)).toEqual(['seal.engraverUscc', 'seal.seals', 'statistics']);
  });

  it('generates trade names that pass the rules', async () => {
    expect(tradeNameFor(0)).not.toBe(tradeNameFor(1));
    expect(await fields(validForm({}, tradeNameFor(987)))).toEqual([]);
  });
});
