import { Injectable } from '@nestjs/common';
import { RegistrationLicenceIssued, type EventEnvelope, type PayloadOf, type RegistrationNameApproved } from '@onewindow/contracts';
import { OutboxWriter } from '@onewindow/messaging';
import { EntityManager } from 'typeorm';
import { authorityForDivision } from '../authorities/authorities';
import { LicenceIssuer } from '../licences/licence-issuer.service';
import { NameRegister } from '../names/name-register.service';
import { RegistrationRow } from '../registrations/entities/registration.entity';
import { SAGA_ACTOR } from '../shared/actor';
import { UsccIssuer } from '../uscc/uscc-issuer.service';
import { markCrashPoint } from './fault-injection';

/**
 * Saga step 2 (on name-approved): assign the USCC and issue the licence, in the inbox transaction of the
 * event. A redelivered event finds the inbox row and does nothing; an event for a registration no
 * longer in LICENSING (withdrawn meanwhile) does nothing either.
 */
@Injectable()
export class Licensing {
  constructor(private readonly uscc: UsccIssuer, private readonly licences: LicenceIssuer, private readonly names: NameRegister, private readonly outbox: OutboxWriter) {}

  async onNameApproved(event: EventEnvelope<PayloadOf<typeof RegistrationNameApproved>>, m: EntityManager): Promise<void> {
    const reg = await m.findOne(RegistrationRow, { where: { id: event.data.registrationId }, lock: { mode: 'pessimistic_write' } });
    if (!reg || reg.state !== 'LICENSING' || reg.uscc) return;
    const authority = authorityForDivision(reg.division)!;
    const now = new Date();
    const uscc = await this.uscc.issue(m, reg.id, reg.division);
    const licence = await this.licences.issue(m, reg, authority, uscc, now);
    reg.version += 1;
    await m.update(RegistrationRow, { id: reg.id }, { state: 'LICENSED', uscc, licenceNumber: licence.number, licensedAt: now, version: reg.version });
    await m.query(
      `update registration_step set state = 'DONE', requested_at = coalesce(requested_at, $2), completed_at = $2, completed_by = 'service:registration', result = $3, version = version + 1, updated_at = now()
        where registration_id = $1 and kind = 'licence' and state = 'WAITING'`,
      [reg.id, now, JSON.stringify({ uscc, licenceNumber: licence.number, kid: licence.kid })],
    );
    await this.names.markRegistered(m, reg.id);
    await this.outbox.add(m, RegistrationLicenceIssued, {
      subject: reg.id, actor: SAGA_ACTOR, traceId: event.traceId,
      data: { registrationId: reg.id, uscc, licenceNumber: licence.number, enterpriseName: reg.enterpriseName, authority: authority.code, division: reg.division, issuedAt: now.toISOString() },
    });
    markCrashPoint(m, 'licence-issued');
  }
}
