import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnterpriseNameRepository } from './enterprise-name.repository';
import type { NameParts } from './name-structure';
import { compareNames, RegisteredName } from './name-similarity';

/** The register of names in use: looked up for the name check, written when a name is reserved or released. */
@Injectable()
export class NameRegisterService {
  constructor(private readonly names: EnterpriseNameRepository) {}

  /**
   * Names in use that are identical or similar to the candidate. The query narrows to the few rows that
   * could be alike; compareNames decides.
   */
  async alike(
    m: EntityManager,
    authorityCode: string,
    parts: NameParts,
  ): Promise<{ identical: RegisteredName[]; similar: RegisteredName[] }> {
    const rows = await this.names.findAlike(m, authorityCode, parts);
    const candidate = { fullName: parts.fullName, tradeName: parts.tradeName, industry: parts.industry };
    const identical: RegisteredName[] = [];
    const similar: RegisteredName[] = [];
    for (const r of rows) {
      const likeness = compareNames(candidate, r);
      if (likeness === 'identical') identical.push(r);
      else if (likeness === 'similar') similar.push(r);
    }
    return { identical, similar };
  }

  /** Reserves the name; false if an identical one got in first (the partial unique indexes decide). */
  reserve(m: EntityManager, registrationId: string, authorityCode: string, parts: NameParts): Promise<boolean> {
    return this.names.insertReserved(m, registrationId, authorityCode, parts);
  }

  /** Once licensed, the reserved name is registered. */
  markRegistered(m: EntityManager, registrationId: string): Promise<void> {
    return this.names.markRegistered(m, registrationId);
  }

  /** The registration ended without a licence: its reserved name is free again. */
  release(m: EntityManager, registrationId: string): Promise<void> {
    return this.names.release(m, registrationId);
  }
}
