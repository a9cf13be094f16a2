import { material, validDefinition } from '../testing/fixtures';
import { checkPublicationRules } from './publication-rules';

const rulesOf = (d: ReturnType<typeof validDefinition>, known?: string[]) =>
  checkPublicationRules(d, known ? { knownDepartments: new Set(known) } : {}).map((v) => `${v.rule}@${v.field}`);

describe('publication rules (C4)', () => {
  it('accepts a valid definition', () => {
    expect(checkPublicationRules(validDefinition(), { knownDepartments: new Set(['SCJG']) })).toEqual([]);
  });

  it('promised limit may equal but not exceed the legal limit', () => {
    expect(rulesOf(validDefinition({ promisedLimitDays: 20, legalLimitDays: 20 }))).toEqual([]);
    expect(rulesOf(validDefinition({ promisedLimitDays: 21, legalLimitDays: 20 }))).toEqual([
      'promised-exceeds-legal@promisedLimitDays',
    ]);
  });

  it('instant items have promised limit 0; promised items at least 1', () => {
    expect(rulesOf(validDefinition({ mode: 'instant', promisedLimitDays: 0 }))).toEqual([]);
    expect(rulesOf(validDefinition({ mode: 'instant', promisedLimitDays: 1 }))).toEqual([
      'instant-not-zero-days@promisedLimitDays',
    ]);
    expect(rulesOf(validDefinition({ mode: 'promised', promisedLimitDays: 0 }))).toEqual([
      'promised-mode-zero-days@promisedLimitDays',
    ]);
  });

  it('at most one material of a name, compared after normalising full-width forms and spaces', () => {
    const d = validDefinition({
      materials: [
        material('M01', '法定代表人（负责人）身份证明', 'primary'),
        material('M02', '法定代表人(负责人) 身份证明', 'secondary'),
        material('M03', '其他', 'secondary'),
      ],
    });
    expect(rulesOf(d)).toEqual(['duplicate-material-name@materials[1].name']);
  });

  it('material codes are unique', () => {
    const d = validDefinition({ materials: [material('M01', '甲', 'primary'), material('M01', '乙', 'secondary')] });
    expect(rulesOf(d)).toEqual(['duplicate-material-code@materials[1].code']);
  });

  it('a primary material cannot be optional (waived); a secondary one can', () => {
    const d = validDefinition({
      materials: [
        material('M01', '甲', 'primary', { optional: true }),
        material('M02', '乙', 'secondary', { optional: true }),
      ],
    });
    expect(rulesOf(d)).toEqual(['primary-material-optional@materials[0].optional']);
  });

  it('gap acceptance needs at least one secondary material', () => {
    expect(rulesOf(validDefinition({ gapAcceptanceDays: 60 }))).toEqual([]);
    const onlyPrimary = validDefinition({ gapAcceptanceDays: 60, materials: [material('M01', '甲', 'primary')] });
    expect(rulesOf(onlyPrimary)).toEqual(['gap-acceptance-without-secondary@gapAcceptanceDays']);
    expect(rulesOf({ ...onlyPrimary, gapAcceptanceDays: null })).toEqual([]);
  });

  it('every fee has a legal basis and a positive whole amount in fen', () => {
    const d = validDefinition({
      fees: [
        { name: '登记费', amountFen: 8000, legalBasis: '发改价格规〔2016〕2559号' },
        { name: '无依据', amountFen: 100, legalBasis: '  ' },
        { name: '零元', amountFen: 0, legalBasis: '某文件' },
        { name: '小数', amountFen: 80.5, legalBasis: '某文件' },
        { name: '负数', amountFen: -1, legalBasis: '' },
      ],
    });
    expect(rulesOf(d)).toEqual([
      'fee-without-basis@fees[1].legalBasis',
      'fee-amount-invalid@fees[2].amountFen',
      'fee-amount-invalid@fees[3].amountFen',
      'fee-without-basis@fees[4].legalBasis',
      'fee-amount-invalid@fees[4].amountFen',
    ]);
  });

  it('receivableAt includes the item\u2019s own level', () => {
    expect(rulesOf(validDefinition({ level: 'city', receivableAt: ['district', 'street'] }))).toEqual([
      'receivable-excludes-own-level@receivableAt',
    ]);
  });

  it('the department is known, when the catalogue\u2019s departments are given', () => {
    expect(rulesOf(validDefinition({ department: 'NOPE' }), ['SCJG'])).toEqual(['unknown-department@department']);
    expect(rulesOf(validDefinition({ department: 'NOPE' }))).toEqual([]);
  });

  it('lists every violation at once', () => {
    const d = validDefinition({
      mode: 'instant',
      promisedLimitDays: 30,
      legalLimitDays: 20,
      materials: [material('M01', '甲', 'primary', { optional: true }), material('M01', '甲', 'primary')],
      gapAcceptanceDays: 60,
      fees: [{ name: '费', amountFen: 0, legalBasis: '' }],
      receivableAt: ['city'],
    });
    expect(rulesOf(d, ['SCJG'])).toEqual([
      'promised-exceeds-legal@promisedLimitDays',
      'instant-not-zero-days@promisedLimitDays',
      'primary-material-optional@materials[0].optional',
      'duplicate-material-name@materials[1].name',
      'duplicate-material-code@materials[1].code',
      'gap-acceptance-without-secondary@gapAcceptanceDays',
      'fee-without-basis@fees[0].legalBasis',
      'fee-amount-invalid@fees[0].amountFen',
      'receivable-excludes-own-level@receivableAt',
    ]);
    for (const v of checkPublicationRules(d)) expect(v.message).toMatch(/[\u4e00-\u9fff].*\(.+\)/);
  });

  it('automatic acceptance: online items whose every required material is an e-licence', () => {
    const eLicences = [
      material('M01', '户口簿', 'primary', { eLicence: true }),
      material('M02', '结婚证', 'secondary', { optional: true }),
    ];
    expect(rulesOf(validDefinition({ autoAccept: true, materials: eLicences }))).toEqual([]);
    expect(rulesOf(validDefinition({ autoAccept: true, online: false, materials: eLicences }))).toEqual([
      'auto-accept-not-online@autoAccept',
    ]);
    expect(rulesOf(validDefinition({ autoAccept: true }))).toEqual([
      'auto-accept-needs-e-licences@materials[0].eLicence',
      'auto-accept-needs-e-licences@materials[1].eLicence',
    ]);
    expect(rulesOf(validDefinition({ autoAccept: false }))).toEqual([]);
  });
});
