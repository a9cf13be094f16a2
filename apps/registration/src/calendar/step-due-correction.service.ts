import { provisionalFieldsOf } from '@onewindow/calendar';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RegistrationStepDueRecalculated } from '@onewindow/contracts';
import { OutboxWriter } from '@onewindow/messaging';
import { OfficialCalendarStore } from '@onewindow/official-calendar';
import { DataSource } from 'typeorm';
import { REGISTRATION_CONFIG, type RegistrationConfig } from '../config/registration-config';
import { SAGA_ACTOR } from '../shared/actor';
import { RegistrationStepRepository } from '../steps/registration-step.repository';
import { recountDue } from '../steps/step-due';

/** Steps recounted per transaction: few rows locked at a time, so departments working them wait little. */
const BATCH = 200;

/**
 * Issue 12: once a holiday notice is official, the open department steps whose due date was counted
 * through that year without it are recounted on it: the new date (and the years it is still provisional
 * for), the change kept in the step's due history, and `registration.step.due-recalculated` for the
 * founder's and the departments' side. Steps no longer open (DONE, REJECTED, CANCELLED...) keep the date
 * they were held to. Registered with the OfficialCalendarStore, which runs it on the service's workers
 * under its advisory lock (after each notice, at start and on every refresh).
 */
@Injectable()
export class StepDueCorrectionService implements OnModuleInit {
  private readonly log = new Logger('step-due-correction');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly steps: RegistrationStepRepository,
    private readonly store: OfficialCalendarStore,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  onModuleInit(): void {
    this.store.registerCorrection({ name: 'registration-step-due-dates', run: () => this.run() });
  }

  /** Recounts every open step whose provisional date a now-official year touches; returns how many. */
  async run(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const { scanned } = await this.batch(now);
      total += scanned;
      // A recounted step is no longer provisional for any official year, so it is not scanned again;
      // a step locked by a department's transaction (skipped) is taken on the next run.
      if (scanned < BATCH) break;
    }
    if (total > 0) this.log.log({ steps: total }, 'provisional step due dates recounted on the official calendar');
    return total;
  }

  private batch(now: Date): Promise<{ scanned: number }> {
    return this.ds.transaction(async (m) => {
      const calendar = this.store.calendar;
      const rows = await this.steps.findProvisionalForUpdate(m, calendar.coverage(), BATCH);
      for (const s of rows) {
        const limit = s.limit_working_days ?? this.config.stepLimitWorkingDays;
        const recount = recountDue(
          calendar,
          {
            requestedAt: s.requested_at,
            limit,
            dueOn: s.due_on,
            provisionalYears: s.due_provisional_years,
            attempt: s.attempt,
          },
          now,
        );
        if (!recount) continue; // the scan's overlap guarantees one; kept so a row is never rewritten for nothing
        const { due, change, changed } = recount;
        await this.steps.recordDueRecount(m, s.id, due, change);
        await this.outbox.add(m, RegistrationStepDueRecalculated, {
          subject: s.registration_id,
          actor: SAGA_ACTOR,
          data: {
            stepId: s.id,
            registrationId: s.registration_id,
            department: s.department as never,
            kind: s.kind as never,
            attempt: s.attempt,
            previousDueOn: s.due_on,
            dueOn: due.dueOn,
            ...provisionalFieldsOf(due.provisionalYears),
            officialYears: change.officialYears,
            changed,
          },
        });
      }
      return { scanned: rows.length };
    });
  }
}
