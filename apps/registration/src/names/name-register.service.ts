import { Injectable } from '@nestjs/common';
import { newId } from '@onewindow/contracts';
import { EntityManager } from 'typeorm';
import type { NameParts } from './name-structure';
import { compareNames, oneApartPatterns, RegisteredName, sortedChars } from './name-similarity';

/** The register of names in use: looked up for the name check, written when a name is reserved or released. */
@Injectable()
export class NameRegister {
  /**
   * Names in use that are identical or similar to the candidate. The query narrows to the few rows that
   * could be alike (the same full name anywhere; under the authority the same trade name, its
   * reordering, a name one character apart, or one inside the other); compareNames decides.
   */
  async alike(m: EntityManager, authorityCode: string, parts: NameParts): Promise<{ identical: RegisteredName[]; similar: RegisteredName[] }> {
    const rows: RegisteredName[] = await m.query(
      `select full_name as "fullName", trade_name as "tradeName", industry from enterprise_name
        where status <> 'released'
          and (full_name = $1
               or (authority_code = $2 and (trade_name = $3 or trade_name_sorted = $4 or trade_name like any($5)
                                            or strpos(trade_name, $3) > 0 or strpos($3, trade_name) > 0)))
        limit 50`,
      [parts.fullName, authorityCode, parts.tradeName, sortedChars(parts.tradeName), oneApartPatterns(parts.tradeName)],
    );
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
  async reserve(m: EntityManager, registrationId: string, authorityCode: string, parts: NameParts): Promise<boolean> {
    const rows = await m.query(
      `insert into enterprise_name (id, registration_id, authority_code, full_name, trade_name, industry, trade_name_sorted, status)
       values ($1, $2, $3, $4, $5, $6, $7, 'reserved') on conflict do nothing returning id`,
      [newId(), registrationId, authorityCode, parts.fullName, parts.tradeName, parts.industry, sortedChars(parts.tradeName)],
    );
    return rows.length === 1;
  }

  async markRegistered(m: EntityManager, registrationId: string): Promise<void> {
    await m.query(`update enterprise_name set status = 'registered' where registration_id = $1 and status = 'reserved'`, [registrationId]);
  }

  async release(m: EntityManager, registrationId: string): Promise<void> {
    await m.query(`update enterprise_name set status = 'released', released_at = now() where registration_id = $1 and status = 'reserved'`, [registrationId]);
  }
}
