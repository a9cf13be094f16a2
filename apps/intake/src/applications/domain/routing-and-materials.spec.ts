import type { MaterialRequirement } from '../../catalogue/catalogue.types';
import { checkMaterials } from './material-check';
import { decidingDivision } from './routing';

describe('接办分离 routing', () => {
  it('a city item is decided by the city wherever received', () => {
    expect(decidingDivision({ itemLevel: 'city', centreDivision: '120101001', centreLevel: 'street' })).toBe('120000');
    expect(decidingDivision({ itemLevel: 'city' })).toBe('120000');
  });
  it('a district item goes to the district of the receiving district or street centre', () => {
    expect(decidingDivision({ itemLevel: 'district', centreDivision: '120101', centreLevel: 'district' })).toBe(
      '120101',
    );
    expect(
      decidingDivision({
        itemLevel: 'district',
        centreDivision: '120101001',
        centreLevel: 'street',
        requestedDivision: '120104',
      }),
    ).toBe('120101');
  });
  it('online or at the city centre the applicant names the district; a malformed or missing one is 422', () => {
    expect(decidingDivision({ itemLevel: 'district', requestedDivision: '120104' })).toBe('120104');
    expect(
      decidingDivision({
        itemLevel: 'district',
        centreDivision: '120000',
        centreLevel: 'city',
        requestedDivision: '120104',
      }),
    ).toBe('120104');
    for (const d of [undefined, '120000', '110101', '120101001']) {
      expect(() => decidingDivision({ itemLevel: 'district', requestedDivision: d })).toThrow(/name the district/);
    }
  });
  it('a district centre cannot send a street item to another district', () => {
    expect(
      decidingDivision({
        itemLevel: 'street',
        centreDivision: '120101',
        centreLevel: 'district',
        requestedDivision: '120101002',
      }),
    ).toBe('120101002');
    expect(() =>
      decidingDivision({
        itemLevel: 'street',
        centreDivision: '120101',
        centreLevel: 'district',
        requestedDivision: '120104002',
      }),
    ).toThrow();
  });
});

const required: MaterialRequirement[] = [
  { code: 'M01', name: '申请书', form: 'original', copies: 1, requirement: 'primary', fileTypes: ['application/pdf'] },
  { code: 'M02', name: '营业执照', form: 'copy', copies: 1, requirement: 'primary', eLicence: true },
  { code: 'M03', name: '身份证明', form: 'copy', copies: 1, requirement: 'primary' },
  { code: 'M04', name: '布局图', form: 'original', copies: 1, requirement: 'secondary' },
];

describe('material check (A2, 一次性告知)', () => {
  it('lists everything missing and non-conforming at once', () => {
    const r = checkMaterials(required, [
      { code: 'M01', fileId: 'f1', fileType: 'image/png' },
      { code: 'M03', eLicenceRef: 'EL-1' },
    ]);
    expect(r.complete).toBe(false);
    expect(r.missing.map((m) => m.code)).toEqual(['M02', 'M04']);
    expect(r.nonConforming.map((m) => m.code)).toEqual(['M01', 'M03']);
    expect(r.primaryComplete).toBe(false);
  });
  it('complete when every material is given properly; an e-licence replaces where allowed', () => {
    const r = checkMaterials(
      required,
      [
        { code: 'M01', fileId: 'f1', fileType: 'application/pdf' },
        { code: 'M02', eLicenceRef: 'EL-2' },
        { code: 'M03', paper: true },
        { code: 'M04', paper: true },
      ],
      { channel: 'window' },
    );
    expect(r).toMatchObject({ complete: true, missing: [], nonConforming: [], primaryComplete: true });
  });
  it('primary complete with only secondary missing: the gap-acceptance precondition', () => {
    const r = checkMaterials(
      required,
      [
        { code: 'M01', paper: true },
        { code: 'M02', paper: true },
        { code: 'M03', paper: true },
      ],
      { channel: 'window' },
    );
    expect(r.complete).toBe(false);
    expect(r.primaryComplete).toBe(true);
    expect(r.missing.map((m) => m.code)).toEqual(['M04']);
  });
  it('a clerk finding makes a material non-conforming; paper does not count online', () => {
    const r = checkMaterials(required, [{ code: 'M01', paper: true }], {
      channel: 'online',
      clerkFindings: [{ code: 'M02', problem: '已过期' }],
    });
    expect(r.nonConforming.map((m) => [m.code, m.problem])).toEqual([
      ['M01', expect.stringContaining('online')],
      ['M02', '已过期'],
    ]);
  });
  it('an optional secondary material not given is no gap', () => {
    const withOptional = [...required.slice(0, 3), { ...required[3], optional: true }];
    const r = checkMaterials(
      withOptional,
      [
        { code: 'M01', paper: true },
        { code: 'M02', paper: true },
        { code: 'M03', paper: true },
      ],
      { channel: 'window' },
    );
    expect(r).toMatchObject({ complete: true, missing: [], primaryComplete: true });
    expect(r.findings.find((f) => f.code === 'M04')!.status).toBe('absent-optional');
  });
  it('an ID-card-only item reports nothing missing', () => {
    expect(checkMaterials(required, [], { idCardOnly: true }).complete).toBe(true);
  });
});
