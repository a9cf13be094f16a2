import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: a step's due date counted through a year without an official holiday notice is stored as
 * provisional (the years it ran through), with the time limit it was counted on so it can be recounted
 * the same way once the notice is published, and every recount kept in the step's due history.
 */
export class StepProvisionalDueDates1766200000000 implements MigrationInterface {
  name = 'StepProvisionalDueDates1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table registration_step
      add column due_provisional_years int[] not null default '{}',
      add column limit_working_days int check (limit_working_days > 0),
      add column due_history jsonb not null default '[]'`);
    // Steps requested before this migration keep a null limit: they are recounted on the configured one.
    // The correction's scan: only open steps whose date is still provisional (a handful, around New Year).
    await q.query(`create index registration_step_provisional on registration_step using gin (due_provisional_years)
      where cardinality(due_provisional_years) > 0 and state in ('REQUESTED','QUEUED','CLAIMED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index registration_step_provisional');
    await q.query(
      'alter table registration_step drop column due_history, drop column limit_working_days, drop column due_provisional_years',
    );
  }
}
