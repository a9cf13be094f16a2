import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query filters on an application's form data or on a step's detail and hashes; statistics on
 * them only cost (auto)analyze its CPU, a burst in the middle of the submission traffic (ADR 0019).
 */
export class PayloadStatistics1764150000001 implements MigrationInterface {
  name = 'PayloadStatistics1764150000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table application alter column form_data set statistics 0`);
    await q.query(
      `alter table application_step alter column detail set statistics 0, alter column hash set statistics 0, alter column prev_hash set statistics 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table application alter column form_data set statistics -1`);
    await q.query(
      `alter table application_step alter column detail set statistics -1, alter column hash set statistics -1, alter column prev_hash set statistics -1`,
    );
  }
}
