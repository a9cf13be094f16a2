import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A department's queue (its open, claimed and reviewed tasks, oldest first, a page at a time) was read
 * along (department, state, created_at): three ranges, every active task of the department fetched
 * and sorted for each page, a cost that grows with the backlog. Active tasks now have their own
 * index in queue order, so a page reads a page; finished and cancelled tasks keep the state-ordered
 * one for the views that ask for them. A task is in one of the two, so writes add no entry.
 */
export class ActiveQueueIndex1764140000000 implements MigrationInterface {
  name = 'ActiveQueueIndex1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `create index task_active_queue on task (department, created_at) where state in ('OPEN','CLAIMED','REVIEWED')`,
    );
    await q.query(
      `create index task_closed_queue on task (department, state, created_at) where state not in ('OPEN','CLAIMED','REVIEWED')`,
    );
    await q.query(`drop index if exists task_queue`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`create index task_queue on task (department, state, created_at)`);
    await q.query(`drop index if exists task_closed_queue`);
    await q.query(`drop index if exists task_active_queue`);
  }
}
