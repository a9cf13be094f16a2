import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Due dates counted through a year without an official holiday notice are provisional (ADR 0022): the
 * years are kept with the application, so the correction finds the open ones when the notice is added.
 * The partial index holds only those (a few weeks' acceptances each December), so neither the
 * submission's insert nor the window lists pay for it the rest of the year.
 */
export class ProvisionalDueDates1766100000001 implements MigrationInterface {
  name = 'ProvisionalDueDates1766100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table application add column due_provisional_years int[] not null default '{}'`);
    await q.query(
      `create index application_due_provisional on application (id) where cardinality(due_provisional_years) > 0 and state in ('ACCEPTED','IN_REVIEW','PAUSED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index application_due_provisional');
    await q.query('alter table application drop column due_provisional_years');
  }
}
