import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MAX_BODY_SEQUENCE } from './uscc-body';

const DUPLICATE_OBJECT = new Set(['42P07', '23505']);

function pgCode(err: unknown): string | undefined {
  return (
    (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code
  );
}

/** The per-division sequences the USCC bodies are drawn from, and `uscc_issued`, every code assigned. */
@Injectable()
export class UsccIssuedRepository {
  /**
   * `create sequence if not exists` in a savepoint of the caller's transaction: when two transactions
   * create the same sequence at once, the second waits for the first and then fails with "already
   * exists", which is the outcome it wanted; the savepoint keeps its transaction usable.
   */
  async createSequence(m: EntityManager, name: string): Promise<void> {
    await m.query('savepoint uscc_sequence');
    try {
      await m.query(
        `create sequence if not exists ${name} as bigint minvalue 1 maxvalue ${MAX_BODY_SEQUENCE} no cycle`,
      );
      await m.query('release savepoint uscc_sequence');
    } catch (err) {
      if (!DUPLICATE_OBJECT.has(pgCode(err) ?? '')) throw err;
      await m.query('rollback to savepoint uscc_sequence');
    }
  }

  /** The sequence's next value (as text: a bigint). */
  async nextValue(m: EntityManager, name: string): Promise<string> {
    const [{ n }] = await m.query(`select nextval('${name}')::text as n`);
    return n;
  }

  async insert(
    m: EntityManager,
    issued: {
      uscc: string;
      registrationId: string;
      authority: string;
      entityType: string;
      division: string;
      sequence: string;
    },
  ): Promise<void> {
    await m.query(
      'insert into uscc_issued (uscc, registration_id, authority, entity_type, division, sequence) values ($1, $2, $3, $4, $5, $6)',
      [issued.uscc, issued.registrationId, issued.authority, issued.entityType, issued.division, issued.sequence],
    );
  }
}
