import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ENTERPRISE, MARKET_REGULATION, MAX_BODY_SEQUENCE, sequenceName, usccFromSequence } from './uscc-body';

const DUPLICATE_OBJECT = new Set(['42P07', '23505']);

/**
 * Assigns USCCs (R3). Uniqueness rests on two things: nextval on the division's sequence never returns
 * the same number twice, whatever the concurrency and even across rolled-back transactions (a gap is
 * harmless, a repeat impossible); and the uscc_issued primary key refuses a repeat outright if anything
 * ever went wrong with the first.
 */
@Injectable()
export class UsccIssuer {
  private readonly ready = new Set<string>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Creates the division's sequence on first use, in its own statement outside the caller's
   * transaction, so one division's first issue does not hold a lock for the rest of the saga step.
   * Two processes creating it at once: one wins, the other's error is the "already exists" it wanted.
   */
  private async ensureSequence(name: string): Promise<void> {
    if (this.ready.has(name)) return;
    try {
      await this.ds.query(`create sequence if not exists ${name} as bigint minvalue 1 maxvalue ${MAX_BODY_SEQUENCE} no cycle`);
    } catch (err) {
      const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
      if (!code || !DUPLICATE_OBJECT.has(code)) throw err;
    }
    this.ready.add(name);
  }

  async issue(m: EntityManager, registrationId: string, division: string): Promise<string> {
    const name = sequenceName(division);
    await this.ensureSequence(name);
    const [{ n }] = await m.query(`select nextval('${name}')::text as n`);
    const uscc = usccFromSequence(division, Number(n));
    await m.query(
      'insert into uscc_issued (uscc, registration_id, authority, entity_type, division, sequence) values ($1, $2, $3, $4, $5, $6)',
      [uscc, registrationId, MARKET_REGULATION, ENTERPRISE, division, n],
    );
    return uscc;
  }
}
