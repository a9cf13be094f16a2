import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query filters on a document's fields, rendered page or hashes; statistics on them only cost
 * (auto)analyze its CPU: 360 → 73 ms for 56k documents, a burst that landed in the middle of the
 * submission traffic (ADR 0019). Lookups by verification code go through its unique index.
 */
export class DocumentPayloadStatistics1764150000000 implements MigrationInterface {
  name = 'DocumentPayloadStatistics1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table document alter column fields set statistics 0, alter column html set statistics 0,
      alter column content_hash set statistics 0, alter column verification_code set statistics 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table document alter column fields set statistics -1, alter column html set statistics -1,
      alter column content_hash set statistics -1, alter column verification_code set statistics -1`);
  }
}
