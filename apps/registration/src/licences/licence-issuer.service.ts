import { Injectable } from '@nestjs/common';
import { todayInShanghai } from '@onewindow/calendar';
import { formatCaseNumber } from '@onewindow/codes';
import { EntityManager } from 'typeorm';
import type { RegistrationAuthority } from '../authorities/authorities';
import type { RegistrationEntity } from '../registrations/entities/registration.entity';
import { RegistrationCounterRepository } from '../registrations/registration-counter.repository';
import { canonicalJson } from '../shared/canonical-json';
import { buildLicenceDocument, LicenceDocument } from './licence-document';
import { LICENCE_ALG, signCanonical } from './licence-signature';
import { LicenceRepository } from './licence.repository';
import { SigningKeyService } from './signing-key.service';

export interface IssuedLicence {
  number: string;
  document: LicenceDocument;
  canonical: string;
  signature: string;
  kid: string;
}

/** Issues the business licence as a signed e-licence, in the caller's transaction (the saga's). */
@Injectable()
export class LicenceIssuerService {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly licences: LicenceRepository,
    private readonly counters: RegistrationCounterRepository,
  ) {}

  async issue(
    m: EntityManager,
    reg: RegistrationEntity,
    authority: RegistrationAuthority,
    uscc: string,
    issuedAt: Date,
  ): Promise<IssuedLicence> {
    const day = todayInShanghai(issuedAt);
    const number = formatCaseNumber({
      division: authority.division,
      date: day,
      service: 'YZ',
      sequence: await this.counters.next(m, 'licence', authority.division, day),
    });
    const document = buildLicenceDocument(reg, authority, uscc, number, issuedAt);
    const canonical = canonicalJson(document);
    const { kid, privateKey } = this.keys.signer();
    const signature = signCanonical(canonical, privateKey);
    await this.licences.insert(m, {
      number,
      registrationId: reg.id,
      uscc,
      document,
      canonical,
      signature,
      kid,
      alg: LICENCE_ALG,
      issuedAt,
    });
    return { number, document, canonical, signature, kid };
  }
}
