import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query reads applications by (department, division): the back office reads tasks, which have
 * their own queue index. An index nobody reads still costs every submission an insert (ADR 0016);
 * a supervisor view that needs it brings it back with its query.
 */
export class DropUnusedDepartmentIndex1764110000000 implements MigrationInterface {
  name = 'DropUnusedDepartmentIndex1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists application_department`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`create index application_department on application (department, division)`);
  }
}
