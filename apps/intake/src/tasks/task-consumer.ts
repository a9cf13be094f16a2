import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, Topics } from '@onewindow/contracts';
import { ConsumerHost } from '@onewindow/messaging';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import { ApplicationQueries } from '../applications/application-queries.service';
import { TaskRow } from './task.entity';

type AppEvent = EventEnvelope<{ applicationId: string; instant?: boolean }>;

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
    private readonly queries: ApplicationQueries,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  async onModuleInit(): Promise<void> {
    const create = async (e: AppEvent, m: EntityManager): Promise<void> => {
      await this.createTask(m, e.data.applicationId);
    };
    this.consumers.register({
      name: 'intake-tasks',
      topics: [Topics.intakeApplication],
      handlers: {
        // An instant item is decided at the window in the same request: no task.
        'intake.application.accepted': async (e: AppEvent, m) => (e.data.instant ? undefined : create(e, m)),
        'intake.application.deemed-accepted': create,
        'intake.application.gap-accepted': create,
        'intake.application.withdrawn': (e: AppEvent, m) => this.cancel(m, e.data.applicationId),
      },
    });
  }

  async createTask(m: EntityManager, applicationId: string): Promise<TaskRow | null> {
    const app = await this.queries.findForUpdate(m, applicationId);
    // Withdrawn (or already past review) before the event arrived: nothing to queue.
    if (!app || app.state !== 'ACCEPTED') return null;
    if (await m.findOne(TaskRow, { where: { applicationId } })) return null;
    const task = Object.assign(new TaskRow(), {
      id: randomUUID(), applicationId, applicationNumber: app.number, itemCode: app.itemCode, itemVersion: app.itemVersion, itemName: app.itemName,
      department: app.department, division: app.division, state: 'OPEN', twoStepReview: app.twoStepReview, assignee: null, claimedAt: null,
      reviewedBy: null, reviewOpinion: null, recommendation: null, decidedBy: null, outcome: null, version: 1,
    } satisfies Partial<TaskRow>);
    await m.insert(TaskRow, task);
    await this.lifecycle.taskAssignedIn(m, app, task.id);
    return task;
  }

  async cancel(m: EntityManager, applicationId: string): Promise<void> {
    await m.update(TaskRow, { applicationId, state: 'OPEN' }, { state: 'CANCELLED' });
    await m.createQueryBuilder().update(TaskRow).set({ state: 'CANCELLED' }).where(`application_id = :applicationId and state in ('CLAIMED','REVIEWED')`, { applicationId }).execute();
  }
}
