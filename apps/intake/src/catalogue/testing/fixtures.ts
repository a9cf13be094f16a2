import type { ItemDefinition, MaterialRequirement } from '../catalogue.types';

/** A definition that passes every publication rule; tests change one thing at a time. */
export function validDefinition(overrides: Partial<ItemDefinition> = {}): ItemDefinition {
  return {
    code: 'XK-TEST-001',
    name: '测试许可',
    kind: 'licence',
    level: 'district',
    department: 'SCJG',
    legalBasis: ['《中华人民共和国行政许可法》第十二条'],
    conditions: ['申请人具备相应条件'],
    materials: [material('M01', '测试许可申请书', 'primary'), material('M02', '场所平面图', 'secondary')],
    procedure: ['申请', '受理', '审查', '决定', '送达'],
    specialProcedures: [],
    legalLimitDays: 20,
    promisedLimitDays: 5,
    mode: 'promised',
    fees: [],
    online: true,
    visits: 0,
    idCardOnly: false,
    deliveryModes: ['window'],
    receivableAt: ['district', 'street'],
    twoStepReview: true,
    gapAcceptanceDays: null,
    themes: ['测试'],
    ...overrides,
  };
}

export function material(
  code: string,
  name: string,
  requirement: MaterialRequirement['requirement'],
  extra: Partial<MaterialRequirement> = {},
): MaterialRequirement {
  return { code, name, form: 'original', copies: 1, requirement, ...extra };
}
