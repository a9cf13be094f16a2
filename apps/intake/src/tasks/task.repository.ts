import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StaffPrincipal, SystemPrincipal } from '@onewindow/auth';
import { updateWithVersion } from '@onewindow/persistence';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { TaskEntity, TaskState } from './entities/task.entity';

const PAGE = 200;
/** The states of task_active_queue's predicate (migration 1764140000000), and that predicate's SQL. */
const ACTIVE_TASK_STATES: TaskState[] = ['OPEN', 'CLAIMED', 'REVIEWED'];
const ACTIVE_TASK_STATES_SQL = `(${ACTIVE_TASK_STATES.map((s) => `'${s}'`).join(',')})`;

/** The queries of the `task` table (the departments' queues). */
@Injectable()
export class TaskRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A page of the department's queue, oldest first. Active tasks (the default view, or one active
   * state) are read along task_active_queue in queue order, closed ones along task_closed_queue; the
   * query repeats the partial index's predicate so the planner can prove the index applies.
   */
  queueQuery(p: StaffPrincipal | SystemPrincipal, state?: TaskState): SelectQueryBuilder<TaskEntity> {
    const qb = this.ds.manager
      .createQueryBuilder(TaskEntity, 't')
      .where('t.department = :d', { d: p.department })
      .orderBy('t.created_at', 'ASC')
      .take(PAGE);
    qb.andWhere(`t.state ${!state || ACTIVE_TASK_STATES.includes(state) ? 'in' : 'not in'} ${ACTIVE_TASK_STATES_SQL}`);
    if (state) qb.andWhere('t.state = :s', { s: state });
    // A prefix narrows the scan; canSeeDivision in TaskService.queue() is the rule.
    if (p.type === 'staff') qb.andWhere('t.division like :prefix', { prefix: `${divisionPrefix(p.division)}%` });
    return qb;
  }

  find(id: string, m: EntityManager = this.ds.manager): Promise<TaskEntity | null> {
    return m.findOne(TaskEntity, { where: { id } });
  }

  /** The compare-and-set on `version` (F6): of two concurrent writers one wins, the other gets 409. Returns the new version. */
  updateVersioned(m: EntityManager, task: TaskEntity, changes: Partial<TaskEntity>): Promise<number> {
    return updateWithVersion(m, TaskEntity, task.id, task.version, changes as never);
  }

  /** The application's task, if any is still open, claimed or reviewed, is cancelled. */
  async cancelForApplication(m: EntityManager, applicationId: string): Promise<void> {
    await m.update(TaskEntity, { applicationId, state: 'OPEN' }, { state: 'CANCELLED' });
    await m
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ state: 'CANCELLED' })
      .where(`application_id = :applicationId and state in ('CLAIMED','REVIEWED')`, { applicationId })
      .execute();
  }
}

/** The common code prefix of every division inside `division` (120000 → '12', 120101 → '120101'). */
function divisionPrefix(division: string): string {
  if (division.length === 6 && division.endsWith('0000')) return division.slice(0, 2);
  return division;
}
