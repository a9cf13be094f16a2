import { Injectable } from '@nestjs/common';
import {
  RegistrationLicenceIssued,
  type EventEnvelope,
  type PayloadOf,
  type RegistrationNameApproved,
} from '@onewindow/contracts';
import { OutboxWriter } from '@onewindow/messaging';
import { EntityManager } from 'typeorm';
import { authorityForDivision } from '../authorities/authorities';
import { LicenceIssuerService } from '../licences/licence-issuer.service';
import { NameRegisterService } from '../names/name-register.service';
import { RegistrationRepository } from '../registrations/registration.repository';
import { SAGA_ACTOR } from '../shared/actor';
import { RegistrationStepRepository } from '../steps/registration-step.repository';
import { UsccIssuerService } from '../uscc/uscc-issuer.service';
import { markCrashPoint } from './fault-injection.service';

/**
 * Saga step 2 (on name-approved): assign the USCC and issue the licence, in the inbox transaction of the
 * event. A redelivered event finds the inbox row and does nothing; an event for a registration no
 * longer in LICENSING (withdrawn meanwhile) does nothing either.
 */
@Injectable()
export class LicensingSagaService {
  constructor(
    private readonly uscc: UsccIssuerService,
    private readonly licences: LicenceIssuerService,
    private readonly names: NameRegisterService,
    private readonly outbox: OutboxWriter,
    private readonly registrations: RegistrationRepository,
    private readonly steps: RegistrationStepRepository,
  ) {}

  async onNameApproved(
    event: EventEnvelope<PayloadOf<typeof RegistrationNameApproved>>,
    m: EntityManager,
  ): Promise<void> {
    const reg = await this.registrations.findForUpdate(m, event.data.registrationId);
    if (!reg || reg.state !== 'LICENSING' || reg.uscc) return;
    const authority = authorityForDivision(reg.division)!;
    const now = new Date();
    const uscc = await this.uscc.issue(m, reg.id, reg.division);
    const licence = await this.licences.issue(m, reg, authority, uscc, now);
    reg.version += 1;
    await this.registrations.update(m, reg.id, {
      state: 'LICENSED',
      uscc,
      licenceNumber: licence.number,
      licensedAt: now,
      version: reg.version,
    });
    await this.steps.completeLicenceStep(m, reg.id, now, { uscc, licenceNumber: licence.number, kid: licence.kid });
    await this.names.markRegistered(m, reg.id);
    await this.outbox.add(m, RegistrationLicenceIssued, {
      subject: reg.id,
      actor: SAGA_ACTOR,
      traceId: event.traceId,
      data: {
        registrationId: reg.id,
        uscc,
        licenceNumber: licence.number,
        enterpriseName: reg.enterpriseName,
        authority: authority.code,
        division: reg.division,
        issuedAt: now.toISOString(),
      },
    });
    markCrashPoint(m, 'licence-issued');
  }
}
