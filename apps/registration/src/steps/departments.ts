import type { StepDepartment } from '../config/registration-config';
import type { RegistrationFormDto } from '../form/dto/registration-form.dto';
import type { DepartmentStepKind, StepKind } from './entities/registration-step.entity';

/** Department codes as in shared/data/catalogue-sample.json; the names are for display. */
export const DEPARTMENT_NAMES: Record<string, string> = {
  SCJG: '市市场监督管理委员会 (Market Regulation)',
  GA: '市公安局 (Public Security)',
  SW: '国家税务总局天津市税务局 (Taxation)',
  RS: '市人力资源和社会保障局 (Human Resources and Social Security)',
  TJ: '市统计局 (Statistics)',
};

/** Departments that act for market regulation in registration: the commission and the district approval bureaus. */
export const MARKET_REGULATION_DEPARTMENTS = ['SCJG', 'XZSP'];

type Section = 'seal' | 'tax' | 'socialInsurance' | 'statistics';

export interface DepartmentStepDefinition {
  kind: DepartmentStepKind;
  department: StepDepartment;
  /** The section of the form this step's department receives, and the only one a correction replaces. */
  section: Section;
  title: string;
}

export const DEPARTMENT_STEPS: readonly DepartmentStepDefinition[] = [
  { kind: 'seal', department: 'GA', section: 'seal', title: '公章刻制备案 (seal filing)' },
  {
    kind: 'tax',
    department: 'SW',
    section: 'tax',
    title: '税务登记、纳税人类型、发票领用 (tax registration and first invoices)',
  },
  {
    kind: 'social-insurance',
    department: 'RS',
    section: 'socialInsurance',
    title: '社会保险登记 (social insurance registration)',
  },
  { kind: 'statistics', department: 'TJ', section: 'statistics', title: '统计登记 (statistics registration)' },
];

export const STEP_TITLES: Record<StepKind, string> = {
  'name-check': '名称自主申报 / 预先核准 (name check)',
  licence: '核发营业执照 (business licence with USCC)',
  ...(Object.fromEntries(DEPARTMENT_STEPS.map((d) => [d.kind, d.title])) as Record<DepartmentStepKind, string>),
};

export function departmentStep(kind: string): DepartmentStepDefinition | undefined {
  return DEPARTMENT_STEPS.find((d) => d.kind === kind);
}

export function sectionOf(form: RegistrationFormDto, def: DepartmentStepDefinition): Record<string, unknown> {
  return form[def.section] as unknown as Record<string, unknown>;
}
