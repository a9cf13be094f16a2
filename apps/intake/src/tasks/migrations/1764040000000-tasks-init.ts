import { MigrationInterface, QueryRunner } from 'typeorm';

/** Department tasks (A6): one per accepted application, queued by department and division. */
export class TasksInit1764040000000 implements MigrationInterface {
  name = 'TasksInit1764040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table task (
      id uuid primary key,
      application_id uuid not null unique references application (id),
      application_number text not null,
      item_code text not null,
      item_version int not null,
      item_name text not null,
      department text not null,
      division text not null,
      state text not null check (state in ('OPEN','CLAIMED','REVIEWED','DONE','CANCELLED')),
      two_step_review boolean not null,
      assignee text,
      claimed_at timestamptz,
      reviewed_by text,
      review_opinion text,
      recommendation text check (recommendation in ('granted','refused')),
      decided_by text,
      outcome text check (outcome in ('granted','refused')),
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    await q.query(`create index task_queue on task (department, state, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists task`);
  }
}
