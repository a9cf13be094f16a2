import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { registrationAuthorities } from '../authorities/authorities';
import { ENTERPRISE, MARKET_REGULATION, MAX_BODY_SEQUENCE, sequenceName, usccFromSequence } from './uscc-body';

const DUPLICATE_OBJECT = new Set(['42P07', '23505']);

function pgCode(err: unknown): string | undefined {
  return (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
}

/**
 * Assigns USCCs (R3). Uniqueness rests on two things: nextval on the division's sequence never returns
 * the same number twice, whatever the concurrency and even across rolled-back transactions (a gap is
 * harmless, a repeat impossible); and the uscc_issued primary key refuses a repeat outright if anything
 * ever went wrong with the first.
 */
@Injectable()
export class UsccIssuer implements OnModuleInit {
  private readonly ready = new Set<string>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Every authority's sequence exists before the first registration, so the saga never creates one. */
  async onModuleInit(): Promise<void> {
    for (const a of registrationAuthorities) {
      const name = sequenceName(a.division);
      await this.ds.transaction((m) => this.ensureSequence(m, name));
      // Remembered only once committed: a sequence created inside a saga transaction that then rolls
      // back is gone again, so that path checks every time.
      this.ready.add(name);
    }
  }

  /**
   * `create sequence if not exists` in a savepoint of the caller's transaction: when two transactions
   * create the same sequence at once, the second waits for the first and then fails with "already
   * exists", which is the outcome it wanted; the savepoint keeps its transaction usable.
   */
  private async ensureSequence(m: EntityManager, name: string): Promise<void> {
    if (this.ready.has(name)) return;
    await m.query('savepoint uscc_sequence');
    try {
      await m.query(`create sequence if not exists ${name} as bigint minvalue 1 maxvalue ${MAX_BODY_SEQUENCE} no cycle`);
      await m.query('release savepoint uscc_sequence');
    } catch (err) {
      if (!DUPLICATE_OBJECT.has(pgCode(err) ?? '')) throw err;
      await m.query('rollback to savepoint uscc_sequence');
    }
  }

  async issue(m: EntityManager, registrationId: string, division: string): Promise<string> {
    const name = sequenceName(division);
    await this.ensureSequence(m, name);
    const [{ n }] = await m.query(`select nextval('${name}')::text as n`);
    const uscc = usccFromSequence(division, Number(n));
    await m.query(
      'insert into uscc_issued (uscc, registration_id, authority, entity_type, division, sequence) values ($1, $2, $3, $4, $5, $6)',
      [uscc, registrationId, MARKET_REGULATION, ENTERPRISE, division, n],
    );
    return uscc;
  }
}
