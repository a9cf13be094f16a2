import { Injectable } from '@nestjs/common';
import { todayInShanghai } from '@onewindow/calendar';
import { formatCaseNumber } from '@onewindow/codes';
import { EntityManager } from 'typeorm';
import type { RegistrationAuthority } from '../authorities/authorities';
import type { RegistrationRow } from '../registrations/entities/registration.entity';
import { canonicalJson } from '../shared/canonical-json';
import { nextDailySequence } from '../shared/daily-sequence';
import { buildLicenceDocument, LicenceDocument } from './licence-document';
import { LICENCE_ALG, signCanonical } from './licence-signature';
import { SigningKeys } from './signing-key.service';

export interface IssuedLicence {
  number: string;
  document: LicenceDocument;
  canonical: string;
  signature: string;
  kid: string;
}

/** Issues the business licence as a signed e-licence, in the caller's transaction (the saga's). */
@Injectable()
export class LicenceIssuer {
  constructor(private readonly keys: SigningKeys) {}

  async issue(m: EntityManager, reg: RegistrationRow, authority: RegistrationAuthority, uscc: string, issuedAt: Date): Promise<IssuedLicence> {
    const day = todayInShanghai(issuedAt);
    const number = formatCaseNumber({ division: authority.division, date: day, service: 'YZ', sequence: await nextDailySequence(m, 'licence', authority.division, day) });
    const document = buildLicenceDocument(reg, authority, uscc, number, issuedAt);
    const canonical = canonicalJson(document);
    const { kid, privateKey } = this.keys.signer();
    const signature = signCanonical(canonical, privateKey);
    await m.query(
      'insert into licence (number, registration_id, uscc, document, canonical, signature, kid, alg, issued_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [number, reg.id, uscc, document, canonical, signature, kid, LICENCE_ALG, issuedAt],
    );
    return { number, document, canonical, signature, kid };
  }
}
