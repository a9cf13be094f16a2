import { Injectable } from '@nestjs/common';
import { newId } from '@onewindow/contracts';
import { EntityManager } from 'typeorm';
import { oneApartPatterns, RegisteredName, sortedChars } from './name-similarity';
import type { NameParts } from './name-structure';

/** Every query of the register of names, `enterprise_name`. */
@Injectable()
export class EnterpriseNameRepository {
  /**
   * The few names in use that could be alike: the same full name anywhere; under the authority the same
   * trade name, its reordering, a name one character apart, or one inside the other.
   */
  findAlike(m: EntityManager, authorityCode: string, parts: NameParts): Promise<RegisteredName[]> {
    return m.query(
      `select full_name as "fullName", trade_name as "tradeName", industry from enterprise_name
        where status <> 'released'
          and (full_name = $1
               or (authority_code = $2 and (trade_name = $3 or trade_name_sorted = $4 or trade_name like any($5)
                                            or strpos(trade_name, $3) > 0 or strpos($3, trade_name) > 0)))
        limit 50`,
      [parts.fullName, authorityCode, parts.tradeName, sortedChars(parts.tradeName), oneApartPatterns(parts.tradeName)],
    );
  }

  /** Inserts the reservation; false if an identical name got in first (the partial unique indexes decide). */
  async insertReserved(
    m: EntityManager,
    registrationId: string,
    authorityCode: string,
    parts: NameParts,
  ): Promise<boolean> {
    const rows = await m.query(
      `insert into enterprise_name (id, registration_id, authority_code, full_name, trade_name, industry, trade_name_sorted, status)
       values ($1, $2, $3, $4, $5, $6, $7, 'reserved') on conflict do nothing returning id`,
      [
        newId(),
        registrationId,
        authorityCode,
        parts.fullName,
        parts.tradeName,
        parts.industry,
        sortedChars(parts.tradeName),
      ],
    );
    return rows.length === 1;
  }

  async markRegistered(m: EntityManager, registrationId: string): Promise<void> {
    await m.query(
      `update enterprise_name set status = 'registered' where registration_id = $1 and status = 'reserved'`,
      [registrationId],
    );
  }

  async release(m: EntityManager, registrationId: string): Promise<void> {
    await m.query(
      `update enterprise_name set status = 'released', released_at = now() where registration_id = $1 and status = 'reserved'`,
      [registrationId],
    );
  }
}
