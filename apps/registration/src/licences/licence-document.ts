import { toIsoDate } from '@onewindow/calendar';
import type { RegistrationAuthority } from '../authorities/authorities';
import type { RegistrationEntity } from '../registrations/entities/registration.entity';

export const LICENCE_FORMAT = 'onewindow.e-licence.business-licence/1';

/** What a business licence (营业执照) states (R4), as the document that is signed. */
export interface LicenceDocument {
  format: string;
  title: string;
  licenceNumber: string;
  uscc: string;
  name: string;
  enterpriseType: string;
  legalRepresentative: string;
  registeredCapitalFen: number;
  establishedOn: string;
  domicile: string;
  businessScope: string;
  authority: { code: string; name: string; division: string };
  issuedAt: string;
}

export function buildLicenceDocument(
  reg: RegistrationEntity,
  authority: RegistrationAuthority,
  uscc: string,
  licenceNumber: string,
  issuedAt: Date,
): LicenceDocument {
  return {
    format: LICENCE_FORMAT,
    title: '营业执照 (business licence)',
    licenceNumber,
    uscc,
    name: reg.enterpriseName,
    enterpriseType: reg.enterpriseType,
    legalRepresentative: reg.form.legalRepresentative.name,
    registeredCapitalFen: reg.form.registeredCapitalFen,
    establishedOn: toIsoDate(issuedAt),
    domicile: reg.form.domicile.address,
    businessScope: reg.form.businessScope,
    authority: { code: authority.code, name: authority.name, division: authority.division },
    issuedAt: issuedAt.toISOString(),
  };
}
