import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, todayInShanghai } from '@onewindow/calendar';
import { runsBackgroundWork } from '@onewindow/messaging';
import { createLogger } from '@onewindow/observability';
import { DataSource } from 'typeorm';
import { DocumentIssuer } from '../documents/documents.types';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationMaterialRepository } from '../applications/application-material.repository';
import { ApplicationStepService, documentRef } from '../applications/application-step.service';
import { CLOCK_ACTOR } from '../applications/domain/actor';
import { docFields } from '../applications/domain/document-fields';
import { AdvisoryLockRepository } from './advisory-lock.repository';
import { daysOverdue, dueDatesFrom, dueFields, INTAKE_DECISION_WORKING_DAYS, isDeemedAccepted } from './clock';
import { intakeCalendar } from './intake-calendar';

const logger = createLogger('intake-clock');
const BATCH = 500;
/** States in which promised (gap) materials are still chased. */
const CHASED_STATES = ['ACCEPTED', 'IN_REVIEW', 'PAUSED', 'DECIDED', 'CONCLUDED'];

export interface ClockRun {
  ran: boolean;
  deemedAccepted: string[];
  reminders: { applicationId: string; materialCode: string }[];
  overdue: { applicationId: string; materialCode: string }[];
}

/**
 * The clock's periodic duties (A3, A4):
 * - the 5-working-day rule (行政许可法第三十二条): an application still RECEIVED (no acceptance, no
 *   rejection, no correction notice) after 5 working days counted from its receipt (or from the day
 *   corrected materials came in) is deemed accepted as of that date. CORRECTION_REQUESTED does not
 *   count: the notice was the intake decision the law asks for within the period, and the period
 *   starts again when the corrected materials arrive (intake_clock_from);
 * - promised secondary materials (容缺后补): a reminder from N natural days before the due date, and
 *   'secondary-material-overdue' once past it. Each is recorded as a timeline step by the system.
 *
 * Runs every OW_INTAKE_CLOCK_INTERVAL_MS (default one minute; 0 turns it off), under a Postgres
 * advisory lock so one replica runs it at a time. `runOnce(today)` is what the interval calls and
 * what tests call with a chosen date.
 */
@Injectable()
export class IntakeClockService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly reminderDays = Number(process.env.OW_GAP_REMINDER_DAYS ?? 7);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly steps: ApplicationStepService,
    private readonly applications: ApplicationRepository,
    private readonly materialRows: ApplicationMaterialRepository,
    private readonly locks: AdvisoryLockRepository,
    private readonly documents: DocumentIssuer,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(process.env.OW_INTAKE_CLOCK_INTERVAL_MS ?? 60_000);
    // Scheduled work belongs to the service's workers, not to an API-only process (OW_ROLE=api).
    if (!(every > 0) || !runsBackgroundWork()) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((err) => logger.error({ err }, 'intake clock run failed'))
        .finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(today = todayInShanghai()): Promise<ClockRun> {
    const run = await this.locks.withTryLock('intake-clock', async (): Promise<ClockRun> => {
      const deemedAccepted = await this.deemAcceptance(today);
      const { reminders, overdue } = await this.chaseGapMaterials(today);
      return { ran: true, deemedAccepted, reminders, overdue };
    });
    return run ?? { ran: false, deemedAccepted: [], reminders: [], overdue: [] };
  }

  /** A3: deem accepted what has waited past the 5th working day. */
  async deemAcceptance(today: string): Promise<string[]> {
    // 5 working days are at least 5 natural days: a cheap, indexed pre-filter; the calendar decides.
    const candidates = await this.applications.receivedSince(addDays(today, -INTAKE_DECISION_WORKING_DAYS), BATCH);
    const done: string[] = [];
    for (const c of candidates) {
      if (!isDeemedAccepted(intakeCalendar, c.from, today)) continue;
      const ok = await this.ds.transaction(async (m) => {
        const app = await this.applications.findForUpdate(m, c.id);
        if (!app || app.state !== 'RECEIVED' || !isDeemedAccepted(intakeCalendar, app.intakeClockFrom, today))
          return false;
        const acceptedOn = app.intakeClockFrom;
        const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays);
        const doc = await this.documents.issue(m, {
          kind: 'acceptance',
          applicationId: app.id,
          applicationNumber: app.number,
          issuer: app.department,
          fields: { ...docFields(app), acceptedOn, ...dueFields(due), deemed: true },
        });
        const receivedOn = todayInShanghai(app.receivedAt);
        await this.steps.apply(m, app, {
          action: 'deem-accept',
          actor: CLOCK_ACTOR,
          document: doc,
          changes: { acceptedOn, ...due, deemedAccepted: true },
          note: `${INTAKE_DECISION_WORKING_DAYS} 个工作日内未作受理决定，自 ${acceptedOn} 起视为受理 (行政许可法第三十二条; deemed accepted as of ${acceptedOn})`,
          detail: { acceptedOn, receivedOn, today, ...dueFields(due) },
          event: {
            name: 'deemed-accepted',
            data: { acceptedOn, receivedOn, ...dueFields(due), document: documentRef(doc) },
          },
        });
        return true;
      });
      if (ok) done.push(c.id);
    }
    if (done.length) logger.info({ count: done.length, today }, 'applications deemed accepted');
    return done;
  }

  /** A4: remind before the due date, report once overdue. */
  async chaseGapMaterials(today: string): Promise<Pick<ClockRun, 'reminders' | 'overdue'>> {
    const rows = await this.materialRows.promisedToChase(
      today,
      addDays(today, this.reminderDays),
      CHASED_STATES,
      BATCH,
    );
    const reminders: ClockRun['reminders'] = [];
    const overdue: ClockRun['overdue'] = [];
    for (const r of rows) {
      const applied = await this.ds.transaction(async (m) => {
        const app = await this.applications.findForUpdate(m, r.applicationId);
        if (!app) return false;
        if (!(await this.materialRows.markChased(m, r.applicationId, r.materialCode, r.remind))) return false;
        const material = { code: r.materialCode, name: r.name };
        if (r.remind) {
          await this.steps.apply(m, app, {
            action: 'secondary-material-reminder',
            actor: CLOCK_ACTOR,
            note: `容缺材料「${r.name}」将于 ${r.dueOn} 到期 (due soon)`,
            detail: { materialCode: r.materialCode, dueOn: r.dueOn },
            event: { name: 'secondary-material-reminder', data: { material, dueOn: r.dueOn } },
          });
        } else {
          const late = daysOverdue(r.dueOn, today);
          await this.steps.apply(m, app, {
            action: 'secondary-material-overdue',
            actor: CLOCK_ACTOR,
            note: `容缺材料「${r.name}」已逾期 ${late} 天 (overdue)`,
            detail: { materialCode: r.materialCode, dueOn: r.dueOn, daysOverdue: late },
            event: { name: 'secondary-material-overdue', data: { material, dueOn: r.dueOn, daysOverdue: late } },
          });
        }
        return true;
      });
      if (applied)
        (r.remind ? reminders : overdue).push({ applicationId: r.applicationId, materialCode: r.materialCode });
    }
    return { reminders, overdue };
  }
}
