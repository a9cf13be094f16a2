import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApplicationAccepted, ApplicationDeemedAccepted, ApplicationGapAccepted, ApplicationWithdrawn, EventEnvelope, newId, PayloadOf, Topics } from '@onewindow/contracts';
import { ConsumerHost, on, onBatch, OutboxEventEntity, OutboxRow } from '@onewindow/messaging';
import { clientOf, MultiInsert } from '@onewindow/persistence';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import { ApplicationSteps } from '../applications/application-steps';
import { GENESIS_HASH } from '../applications/domain/step-chain';
import { ApplicationRow } from '../applications/entities/application.entity';
import { ApplicationStepRow } from '../applications/entities/application-step.entity';
import { TaskRow } from './task.entity';

type Acceptance = EventEnvelope<PayloadOf<typeof ApplicationAccepted | typeof ApplicationDeemedAccepted | typeof ApplicationGapAccepted>>;

interface AssignmentRead {
  id: string; number: string; item_code: string; item_version: number; item_name: string; department: string; division: string;
  state: ApplicationRow['state']; two_step_review: boolean; promised_due: string | null; legal_due: string | null; due_provisional_years: number[];
  last_seq: number | null; last_hash: string | null; has_task: boolean;
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
 * 接办分离 (A6): an accepted application becomes a task in the deciding department's queue. Driven by
 * the application's own events (consumer 'intake-tasks'), so intake and the back office are decoupled
 * the same way a department's own system would be. The inbox makes a redelivered event harmless, and
 * the unique application_id of a task makes a second task impossible anyway.
 */
@Injectable()
export class TaskConsumer implements OnModuleInit {
  private assignmentStatement?: MultiInsert;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly consumers: ConsumerHost,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly steps: ApplicationSteps,
  ) {}

  async onModuleInit(): Promise<void> {
    // An instant item is decided at the window in the same request: no task.
    const create = async (events: Acceptance[], m: EntityManager): Promise<void> => {
      await this.createTasks(m, events.filter((e) => !('instant' in e.data && e.data.instant)).map((e) => e.data.applicationId));
    };
    this.consumers.register({
      name: 'intake-tasks',
      topics: [Topics.intakeApplication],
      handlers: [
        on(ApplicationWithdrawn, (e, m) => this.cancel(m, e.data.applicationId)),
        onBatch(ApplicationAccepted, create),
        onBatch(ApplicationDeemedAccepted, create),
        onBatch(ApplicationGapAccepted, create),
      ],
    });
  }

  /**
   * Tasks for a run of accepted applications in two statements, whatever the run's length: the
   * applications read under their row locks (with the head of each timeline and whether a task
   * exists), then the tasks, the 'task-assigned' steps chained onto those heads, their events and the
   * version bumps in one statement. The row locks serialise appends to each chain; taking them in id
   * order keeps two runs from deadlocking.
   */
  async createTasks(m: EntityManager, applicationIds: string[]): Promise<TaskRow[]> {
    const ids = [...new Set(applicationIds)];
    if (ids.length === 0) return [];
    const { rows } = await clientOf(m).query<AssignmentRead>({ name: 'task_assignment_read', text: ASSIGNMENT_READ, values: [ids] });
    const tasks: TaskRow[] = [];
    const steps: ApplicationStepRow[] = [];
    const events: OutboxRow[] = [];
    for (const a of rows) {
      // Withdrawn (or already past review) before the event arrived, or already queued: nothing to do.
      if (a.state !== 'ACCEPTED' || a.has_task) continue;
      const app = Object.assign(new ApplicationRow(), {
        id: a.id, number: a.number, itemCode: a.item_code, itemVersion: a.item_version, itemName: a.item_name, department: a.department, division: a.division,
        state: a.state, twoStepReview: a.two_step_review, promisedDue: a.promised_due, legalDue: a.legal_due, dueProvisionalYears: a.due_provisional_years,
      } satisfies Partial<ApplicationRow>);
      const task = Object.assign(new TaskRow(), {
        id: newId(), applicationId: a.id, applicationNumber: app.number, itemCode: app.itemCode, itemVersion: app.itemVersion, itemName: app.itemName,
        department: app.department, division: app.division, state: 'OPEN', twoStepReview: app.twoStepReview, assignee: null, claimedAt: null,
        reviewedBy: null, reviewOpinion: null, recommendation: null, decidedBy: null, outcome: null, version: 1,
      } satisfies Partial<TaskRow>);
      const prepared = this.steps.prepare(app, app.state, this.lifecycle.taskAssignedStep(app, task.id), (a.last_seq ?? 0) + 1, a.last_hash ?? GENESIS_HASH);
      tasks.push(task);
      steps.push(prepared.step);
      events.push(prepared.event!);
    }
    if (tasks.length) await this.assignment().runIn(m, [tasks, steps, events], [tasks.map((t) => t.applicationId)]);
    return tasks;
  }

  private assignment(): MultiInsert {
    this.assignmentStatement ??= new MultiInsert(
      this.ds,
      [{ target: TaskRow }, { target: ApplicationStepRow }, { target: OutboxEventEntity, omit: ['publishedAt', 'attempts', 'lastError'] }],
      ['update application set version = version + 1, updated_at = now() where id = any($4::uuid[])'],
    );
    return this.assignmentStatement;
  }

  async cancel(m: EntityManager, applicationId: string): Promise<void> {
    await m.update(TaskRow, { applicationId, state: 'OPEN' }, { state: 'CANCELLED' });
    await m.createQueryBuilder().update(TaskRow).set({ state: 'CANCELLED' }).where(`application_id = :applicationId and state in ('CLAIMED','REVIEWED')`, { applicationId }).execute();
  }
}
