import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room on each page for the new version of an updated row: an update that changes no indexed column
 * (the version bump of a timeline step such as task-assigned, clock fields, delivery details) can then
 * stay on its page as a HOT update and skip inserting into the table's seven indexes (ADR 0016).
 */
export class ApplicationFillfactor1764120000000 implements MigrationInterface {
  name = 'ApplicationFillfactor1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table application set (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table application reset (fillfactor)`);
  }
}
