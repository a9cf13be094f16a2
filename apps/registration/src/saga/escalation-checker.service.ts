import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { todayInShanghai } from '@onewindow/calendar';
import { RegistrationStepEscalated } from '@onewindow/contracts';
import { OutboxWriter, runsBackgroundWork } from '@onewindow/messaging';
import { DataSource } from 'typeorm';
import { REGISTRATION_CONFIG, type RegistrationConfig, type StepDepartment } from '../config/registration-config';
import { SAGA_ACTOR } from '../shared/actor';
import { provisionalOf } from '../steps/step-due';

interface OverdueStep {
  id: string;
  registration_id: string;
  department: StepDepartment;
  kind: string;
  attempt: number;
  state: string;
  due_on: string;
  due_provisional_years: number[];
}

/**
 * R6: a department step not done within its time limit is escalated to oversight, once, with a
 * `registration.step.escalated` event. The due date is the last day of the limit; the step is overdue
 * from the next day (Asia/Shanghai). One replica checks at a time (a transaction-level advisory lock);
 * `run(now)` takes the clock as an argument so tests can move it.
 */
@Injectable()
export class EscalationChecker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('escalation');
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly outbox: OutboxWriter, @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig) {}

  onApplicationBootstrap(): void {
    // Scheduled work belongs to the service's workers, not to an API-only process (OW_ROLE=api).
    if (this.config.escalationIntervalMs <= 0 || !runsBackgroundWork()) return;
    this.timer = setInterval(() => void this.run().catch((err) => this.log.error({ err: (err as Error).message }, 'escalation check failed')), this.config.escalationIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Escalates every overdue open step not escalated yet; returns how many. */
  async run(now = new Date()): Promise<number> {
    return this.ds.transaction(async (m) => {
      const [{ locked }] = await m.query('select pg_try_advisory_xact_lock(hashtext($1)) as locked', ['registration:escalation']);
      if (!locked) return 0;
      const [rows]: [OverdueStep[], number] = await m.query(
        `update registration_step s set escalated_at = $2, version = s.version + 1, updated_at = now()
          where s.id in (select id from registration_step
                          where state in ('REQUESTED','QUEUED','CLAIMED') and escalated_at is null and due_on < $1::date
                          order by due_on limit 1000 for update skip locked)
          returning s.id, s.registration_id, s.department, s.kind, s.attempt, s.state, to_char(s.due_on, 'YYYY-MM-DD') as due_on, s.due_provisional_years`,
        [todayInShanghai(now), now],
      );
      for (const s of rows) {
        await this.outbox.add(m, RegistrationStepEscalated, {
          subject: s.registration_id, actor: SAGA_ACTOR,
          data: { stepId: s.id, registrationId: s.registration_id, department: s.department, kind: s.kind as never, attempt: s.attempt, state: s.state, dueOn: s.due_on, ...provisionalOf(s.due_provisional_years), escalatedAt: now.toISOString() },
        });
      }
      if (rows.length > 0) this.log.warn({ count: rows.length }, 'department steps escalated to oversight');
      return rows.length;
    });
  }
}
