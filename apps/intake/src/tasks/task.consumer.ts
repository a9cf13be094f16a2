import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  ApplicationAccepted,
  ApplicationDeemedAccepted,
  ApplicationGapAccepted,
  ApplicationWithdrawn,
  EventEnvelope,
  newId,
  PayloadOf,
  Topics,
} from '@onewindow/contracts';
import { ConsumerHost, on, onBatch, OutboxRow } from '@onewindow/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationLifecycleService } from '../applications/application-lifecycle.service';
import { ApplicationStepService } from '../applications/application-step.service';
import { GENESIS_HASH } from '../applications/domain/step-chain';
import { ApplicationEntity } from '../applications/entities/application.entity';
import { ApplicationStepEntity } from '../applications/entities/application-step.entity';
import { TaskEntity } from './entities/task.entity';
import { TaskRepository } from './task.repository';
import { TaskAssignmentRepository } from './task-assignment.repository';

type Acceptance = EventEnvelope<
  PayloadOf<typeof ApplicationAccepted | typeof ApplicationDeemedAccepted | typeof ApplicationGapAccepted>
>;

/**
 * 接办分离 (A6): an accepted application becomes a task in the deciding department's queue. Driven by
 * the application's own events (consumer 'intake-tasks'), so intake and the back office are decoupled
 * the same way a department's own system would be. The inbox makes a redelivered event harmless, and
 * the unique application_id of a task makes a second task impossible anyway.
 */
@Injectable()
export class TaskConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerHost,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly steps: ApplicationStepService,
    private readonly taskRows: TaskRepository,
    private readonly assignments: TaskAssignmentRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    // An instant item is decided at the window in the same request: no task.
    const create = async (events: Acceptance[], m: EntityManager): Promise<void> => {
      await this.createTasks(
        m,
        events.filter((e) => !('instant' in e.data && e.data.instant)).map((e) => e.data.applicationId),
      );
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
  async createTasks(m: EntityManager, applicationIds: string[]): Promise<TaskEntity[]> {
    const ids = [...new Set(applicationIds)];
    if (ids.length === 0) return [];
    const rows = await this.assignments.readForAssignment(m, ids);
    const tasks: TaskEntity[] = [];
    const steps: ApplicationStepEntity[] = [];
    const events: OutboxRow[] = [];
    for (const a of rows) {
      // Withdrawn (or already past review) before the event arrived, or already queued: nothing to do.
      if (a.state !== 'ACCEPTED' || a.has_task) continue;
      const app = Object.assign(new ApplicationEntity(), {
        id: a.id,
        number: a.number,
        itemCode: a.item_code,
        itemVersion: a.item_version,
        itemName: a.item_name,
        department: a.department,
        division: a.division,
        state: a.state,
        twoStepReview: a.two_step_review,
        promisedDue: a.promised_due,
        legalDue: a.legal_due,
        dueProvisionalYears: a.due_provisional_years,
      } satisfies Partial<ApplicationEntity>);
      const task = Object.assign(new TaskEntity(), {
        id: newId(),
        applicationId: a.id,
        applicationNumber: app.number,
        itemCode: app.itemCode,
        itemVersion: app.itemVersion,
        itemName: app.itemName,
        department: app.department,
        division: app.division,
        state: 'OPEN',
        twoStepReview: app.twoStepReview,
        assignee: null,
        claimedAt: null,
        reviewedBy: null,
        reviewOpinion: null,
        recommendation: null,
        decidedBy: null,
        outcome: null,
        version: 1,
      } satisfies Partial<TaskEntity>);
      const prepared = this.steps.prepare(
        app,
        app.state,
        this.lifecycle.taskAssignedStep(app, task.id),
        (a.last_seq ?? 0) + 1,
        a.last_hash ?? GENESIS_HASH,
      );
      tasks.push(task);
      steps.push(prepared.step);
      events.push(prepared.event!);
    }
    if (tasks.length) await this.assignments.write(m, tasks, steps, events);
    return tasks;
  }

  async cancel(m: EntityManager, applicationId: string): Promise<void> {
    await this.taskRows.cancelForApplication(m, applicationId);
  }
}
