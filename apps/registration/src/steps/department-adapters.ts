import type { StepDepartment } from '../config/registration-config';
import type {
  InvoiceRequestDto,
  SealDataDto,
  SocialInsuranceDataDto,
  StatisticsDataDto,
  TaxDataDto,
} from '../form/dto/registration-form.dto';
import type { StepPayload } from './step-payload';

export type AdapterOutcome =
  { outcome: 'completed'; result: Record<string, unknown> } | { outcome: 'rejected'; reason: string };

/**
 * What a department does with a step's data. In `auto` mode it runs on receipt of the request; in
 * `manual` mode its result is the default record that staff or the department's system complete.
 * Since 五证合一、一照一码 the USCC is the number every department registers the enterprise under.
 * A department system that is down would throw here; the inbox retries and then dead-letters the
 * request, and the other steps go on (30-registration.md, "Bad input and faults").
 */
export interface DepartmentAdapter {
  process(payload: StepPayload, attempt: number): Promise<AdapterOutcome>;
}

const GENERAL_TAXES = [
  '增值税 (VAT)',
  '企业所得税 (enterprise income tax)',
  '城市维护建设税 (urban maintenance and construction tax)',
  '教育费附加 (education surcharge)',
  '印花税 (stamp duty)',
];

export const defaultAdapters: Record<StepDepartment, DepartmentAdapter> = {
  GA: {
    async process(p) {
      const seal = p.seal as SealDataDto;
      return {
        outcome: 'completed',
        result: {
          sealFilingNumber: `${p.enterprise.uscc}GA`,
          seals: seal.seals.map((kind, i) => ({
            kind,
            sealCode: `${p.enterprise.uscc}${String(i + 1).padStart(2, '0')}`,
          })),
          engraver: { uscc: seal.engraverUscc, name: seal.engraverName },
        },
      };
    },
  },
  SW: {
    async process(p) {
      const tax = p.tax as TaxDataDto;
      return {
        outcome: 'completed',
        result: {
          taxpayerId: p.enterprise.uscc,
          taxpayerType: tax.taxpayerType,
          taxTypes:
            tax.taxpayerType === 'general'
              ? GENERAL_TAXES
              : GENERAL_TAXES.filter((t) => !t.startsWith('企业所得税')).concat(
                  '企业所得税（核定或查账） (enterprise income tax)',
                ),
          invoicesIssued: tax.invoices.map((i: InvoiceRequestDto) => ({
            kind: i.kind,
            quantity: i.quantity,
            maxAmountFen: i.maxAmountFen,
          })),
        },
      };
    },
  },
  RS: {
    async process(p) {
      const si = p.socialInsurance as SocialInsuranceDataDto;
      return {
        outcome: 'completed',
        result: { employerRegistrationNumber: p.enterprise.uscc, employees: si.employees, insuredFrom: si.insuredFrom },
      };
    },
  },
  TJ: {
    async process(p) {
      const st = p.statistics as StatisticsDataDto;
      return {
        outcome: 'completed',
        result: {
          statisticsRegistrationNumber: p.enterprise.uscc,
          industryCode: st.industryCode,
          employees: st.employees,
        },
      };
    },
  },
};

export const DEPARTMENT_ADAPTERS = Symbol('DEPARTMENT_ADAPTERS');
