import { toIsoDate } from '@onewindow/calendar';
import type { RegistrationEntity } from '../registrations/entities/registration.entity';
import { departmentStep } from './departments';
import type { RegistrationStepEntity } from './entities/registration-step.entity';

/**
 * What a department receives for its step: its own section of the form and the enterprise's basics
 * from the licence. Given once by the founder; no department asks again (30-registration.md).
 */
export interface StepPayload {
  enterprise: {
    uscc: string;
    name: string;
    enterpriseType: string;
    legalRepresentative: { name: string; residentId: string; phone: string };
    domicile: { division: string; address: string };
    businessScope: string;
    registeredCapitalFen: number;
    establishedOn: string;
  };
  [section: string]: unknown;
}

export function stepPayload(reg: RegistrationEntity, step: RegistrationStepEntity): StepPayload {
  const def = departmentStep(step.kind);
  if (!def || !reg.uscc || !reg.licensedAt)
    throw new Error(`step ${step.id} (${step.kind}) has no department payload before the licence`);
  return {
    [def.section]: step.data ?? {},
    enterprise: {
      uscc: reg.uscc,
      name: reg.enterpriseName,
      enterpriseType: reg.enterpriseType,
      legalRepresentative: reg.form.legalRepresentative,
      domicile: reg.form.domicile,
      businessScope: reg.form.businessScope,
      registeredCapitalFen: reg.form.registeredCapitalFen,
      establishedOn: toIsoDate(reg.licensedAt),
    },
  };
}
