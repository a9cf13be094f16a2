import { material, validDefinition } from '../testing/fixtures';
import { mergeBundleMaterials } from './bundle-merge';
import { bundleTotals } from './bundle-totals';
import { normaliseMaterialName } from './material-name';

describe('material names', () => {
  it('fold full-width forms, spaces and Latin case', () => {
    expect(normaliseMaterialName(' 法定代表人（负责人） 身份证明 ')).toBe(
      normaliseMaterialName('法定代表人(负责人)身份证明'),
    );
    expect(normaliseMaterialName('ＩＣ卡')).toBe(normaliseMaterialName('ic卡'));
    expect(normaliseMaterialName('营业执照')).not.toBe(normaliseMaterialName('营业执照副本'));
  });
});

describe('bundle merge (C5)', () => {
  const food = validDefinition({
    code: 'A',
    materials: [
      material('M01', '食品经营许可申请书', 'primary'),
      material('M02', '营业执照', 'primary', {
        form: 'copy',
        eLicence: true,
        fileTypes: ['application/pdf', 'image/jpeg'],
      }),
      material('M03', '法定代表人（负责人）身份证明', 'primary', { form: 'copy' }),
    ],
  });
  const sign = validDefinition({
    code: 'B',
    materials: [
      material('M01', '户外广告设施设置申请表', 'primary'),
      material('M02', '营业执照', 'secondary', {
        form: 'original',
        copies: 2,
        eLicence: false,
        fileTypes: ['application/pdf'],
      }),
      material('M03', '场地使用权证明', 'secondary', { optional: true, form: 'copy' }),
    ],
  });
  const health = validDefinition({
    code: 'C',
    materials: [
      material('M01', '法定代表人(负责人)身份证明', 'primary', { form: 'copy', copies: 2 }),
      material('M02', '场地使用权证明', 'secondary', { optional: true, form: 'electronic' }),
    ],
  });

  it('asks for a material needed by several items once, naming the items', () => {
    const merged = mergeBundleMaterials([food, sign, health]);
    expect(merged.map((m) => [m.code, m.name, m.usedBy])).toEqual([
      ['B01', '食品经营许可申请书', ['A']],
      ['B02', '营业执照', ['A', 'B']],
      ['B03', '法定代表人（负责人）身份证明', ['A', 'C']],
      ['B04', '户外广告设施设置申请表', ['B']],
      ['B05', '场地使用权证明', ['B', 'C']],
    ]);
  });

  it('keeps the strictest demand: primary wins, original beats copy, most copies, e-licence only if all accept it', () => {
    const merged = mergeBundleMaterials([food, sign, health]);
    const licence = merged.find((m) => m.name === '营业执照')!;
    expect(licence).toMatchObject({
      requirement: 'primary',
      form: 'original',
      copies: 2,
      eLicence: false,
      optional: false,
      fileTypes: ['application/pdf'],
    });
    const id = merged.find((m) => m.code === 'B03')!;
    expect(id).toMatchObject({ requirement: 'primary', form: 'copy', copies: 2 });
    const site = merged.find((m) => m.code === 'B05')!;
    expect(site).toMatchObject({ requirement: 'secondary', optional: true, form: 'copy' });
  });

  it('primary wins even when the first item holds the material secondary', () => {
    const a = validDefinition({
      code: 'A',
      materials: [material('M01', '营业执照', 'secondary', { form: 'copy', eLicence: true })],
    });
    const b = validDefinition({
      code: 'B',
      materials: [material('M01', '营业执照', 'primary', { form: 'copy', eLicence: true })],
    });
    expect(mergeBundleMaterials([a, b])).toEqual([
      {
        code: 'B01',
        name: '营业执照',
        form: 'copy',
        copies: 1,
        requirement: 'primary',
        eLicence: true,
        optional: false,
        usedBy: ['A', 'B'],
      },
    ]);
  });

  it('optional only when optional for every item', () => {
    const a = validDefinition({ code: 'A', materials: [material('M01', '委托书', 'secondary', { optional: true })] });
    const b = validDefinition({ code: 'B', materials: [material('M01', '委托书', 'secondary')] });
    expect(mergeBundleMaterials([a, b])[0].optional).toBe(false);
  });

  it('falls back to every file type when the items share none', () => {
    const a = validDefinition({
      code: 'A',
      materials: [material('M01', '图纸', 'primary', { fileTypes: ['application/pdf'] })],
    });
    const b = validDefinition({
      code: 'B',
      materials: [material('M01', '图纸', 'primary', { fileTypes: ['image/png'] })],
    });
    expect(mergeBundleMaterials([a, b])[0].fileTypes).toEqual(['application/pdf', 'image/png']);
  });

  it('does not change the items it merges', () => {
    const before = JSON.stringify([food, sign, health]);
    mergeBundleMaterials([food, sign, health]);
    expect(JSON.stringify([food, sign, health])).toBe(before);
  });

  it('totals: parallel processing takes the longest promised limit; fees add up', () => {
    const x = validDefinition({ promisedLimitDays: 5, fees: [{ name: 'a', amountFen: 8000, legalBasis: 'b' }] });
    const y = validDefinition({
      promisedLimitDays: 8,
      fees: [
        { name: 'c', amountFen: 2000, legalBasis: 'd' },
        { name: 'e', amountFen: 1, legalBasis: 'f' },
      ],
    });
    expect(bundleTotals([x, y])).toEqual({ promisedLimitDays: 8, totalFeeFen: 10001 });
  });
});
