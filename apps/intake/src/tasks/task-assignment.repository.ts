import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxEventEntity, OutboxRow } from '@onewindow/messaging';
import { clientOf, MultiInsert } from '@onewindow/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { ApplicationEntity } from '../applications/entities/application.entity';
import { ApplicationStepEntity } from '../applications/entities/application-step.entity';
import { TaskEntity } from './entities/task.entity';

/** An accepted application as the assignment reads it: with the head of its timeline and whether it has a task. */
export interface AssignmentRead {
  id: string;
  number: string;
  item_code: string;
  item_version: number;
  item_name: string;
  department: string;
  division: string;
  state: ApplicationEntity['state'];
  two_step_review: boolean;
  promised_due: string | null;
  legal_due: string | null;
  due_provisional_years: number[];
  last_seq: number | null;
  last_hash: string | null;
  has_task: boolean;
}

// Whether a task exists is a lateral probe of task's unique index, one per application: written as
// `exists (...)` in the select list, Postgres may hash the whole task table instead (an
// AlternativeSubPlan), a scan that grows with every task ever created (3.5 ms a run at 50k tasks).
export const ASSIGNMENT_READ = `
  select a.id, a.number, a.item_code, a.item_version, a.item_name, a.department, a.division, a.state, a.two_step_review,
         a.promised_due::text as promised_due, a.legal_due::text as legal_due, a.due_provisional_years, s.seq as last_seq, s.hash as last_hash,
         k.application_id is not null as has_task
  from application a
  left join lateral (select seq, hash from application_step where application_id = a.id order by seq desc limit 1) s on true
  left join lateral (select t.application_id from task t where t.application_id = a.id limit 1) k on true
  where a.id = any($1::uuid[])
  order by a.id
  for update of a`;

/**
 * The two statements of a run of assignments (docs/adr/0016): the applications read under their row
 * locks, then the tasks, their 'task-assigned' steps, their events and the version bumps written in one.
 */
@Injectable()
export class TaskAssignmentRepository {
  private assignmentStatement?: MultiInsert;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The applications under their row locks, taken in id order so that two runs cannot deadlock. */
  async readForAssignment(m: EntityManager, ids: string[]): Promise<AssignmentRead[]> {
    const { rows } = await clientOf(m).query<AssignmentRead>({
      name: 'task_assignment_read',
      text: ASSIGNMENT_READ,
      values: [ids],
    });
    return rows;
  }

  async write(
    m: EntityManager,
    tasks: TaskEntity[],
    steps: ApplicationStepEntity[],
    events: OutboxRow[],
  ): Promise<void> {
    await this.assignment().runIn(m, [tasks, steps, events], [tasks.map((t) => t.applicationId)]);
  }

  private assignment(): MultiInsert {
    this.assignmentStatement ??= new MultiInsert(
      this.ds,
      [
        { target: TaskEntity },
        { target: ApplicationStepEntity },
        { target: OutboxEventEntity, omit: ['publishedAt', 'attempts', 'lastError'] },
      ],
      ['update application set version = version + 1, updated_at = now() where id = any($4::uuid[])'],
    );
    return this.assignmentStatement;
  }
}
