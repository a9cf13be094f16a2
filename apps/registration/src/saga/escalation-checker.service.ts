import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { todayInShanghai, provisionalFieldsOf } from '@onewindow/calendar';
import { RegistrationStepEscalated } from '@onewindow/contracts';
import { OutboxWriter, runsBackgroundWork } from '@onewindow/messaging';
import { DataSource } from 'typeorm';
import { REGISTRATION_CONFIG, type RegistrationConfig } from '../config/registration-config';
import { SAGA_ACTOR } from '../shared/actor';
import { RegistrationStepRepository } from '../steps/registration-step.repository';

/**
 * R6: a department step not done within its time limit is escalated to oversight, once, with a
 * `registration.step.escalated` event. The due date is the last day of the limit; the step is overdue
 * from the next day (Asia/Shanghai). One replica checks at a time (a transaction-level advisory lock);
 * `run(now)` takes the clock as an argument so tests can move it.
 */
@Injectable()
export class EscalationCheckerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('escalation');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly steps: RegistrationStepRepository,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Scheduled work belongs to the service's workers, not to an API-only process (OW_ROLE=api).
    if (this.config.escalationIntervalMs <= 0 || !runsBackgroundWork()) return;
    this.timer = setInterval(
      () => void this.run().catch((err) => this.log.error({ err: (err as Error).message }, 'escalation check failed')),
      this.config.escalationIntervalMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Escalates every overdue open step not escalated yet; returns how many. */
  async run(now = new Date()): Promise<number> {
    return this.ds.transaction(async (m) => {
      if (!(await this.steps.tryEscalationLock(m))) return 0;
      const rows = await this.steps.escalateOverdue(m, todayInShanghai(now), now);
      for (const s of rows) {
        await this.outbox.add(m, RegistrationStepEscalated, {
          subject: s.registration_id,
          actor: SAGA_ACTOR,
          data: {
            stepId: s.id,
            registrationId: s.registration_id,
            department: s.department,
            kind: s.kind as never,
            attempt: s.attempt,
            state: s.state,
            dueOn: s.due_on,
            ...provisionalFieldsOf(s.due_provisional_years),
            escalatedAt: now.toISOString(),
          },
        });
      }
      if (rows.length > 0) this.log.warn({ count: rows.length }, 'department steps escalated to oversight');
      return rows.length;
    });
  }
}
