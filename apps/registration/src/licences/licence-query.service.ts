import { Injectable } from '@nestjs/common';
import { NotVisibleError } from '@onewindow/http';
import { RegistrationRepository } from '../registrations/registration.repository';
import type { SignedLicenceViewDto } from './dto/licence.dto';
import type { EnterpriseBasicsViewDto } from './dto/shared-data.dto';
import { LicenceRepository } from './licence.repository';

/** What anyone may read of a licence, and the enterprise basics department systems are given (G7). */
@Injectable()
export class LicenceQueryService {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly registrations: RegistrationRepository,
  ) {}

  async signed(number: string): Promise<SignedLicenceViewDto> {
    const row = await this.licences.findSigned(number);
    if (!row) throw new NotVisibleError('营业执照 (licence)', number);
    return row;
  }

  /** A licensed enterprise's basics; not licensed yet, or unknown: as if it did not exist. */
  async enterpriseBasics(uscc: string): Promise<EnterpriseBasicsViewDto> {
    const reg = await this.registrations.findByUscc(uscc);
    if (!reg || !reg.licensedAt) throw new NotVisibleError('企业 (enterprise)', uscc);
    const licence = await this.licences.findEstablishedOn(reg.licenceNumber);
    return {
      uscc,
      name: reg.enterpriseName,
      enterpriseType: reg.enterpriseType,
      legalRepresentative: reg.form.legalRepresentative.name,
      registeredCapitalFen: reg.form.registeredCapitalFen,
      establishedOn: licence?.establishedOn as string,
      domicile: reg.form.domicile.address,
      businessScope: reg.form.businessScope,
      authority: reg.authorityCode,
      licenceNumber: reg.licenceNumber,
      status: reg.state === 'COMPLETED' ? 'open' : 'opening',
    };
  }
}
