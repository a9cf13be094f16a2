import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, todayInShanghai } from '@onewindow/calendar';
import { runsBackgroundWork } from '@onewindow/messaging';
import { createLogger } from '@onewindow/observability';
import { DataSource } from 'typeorm';
import { DocumentIssuer } from '../documents/documents.types';
import { docFields } from '../applications/application-intake.service';
import { ApplicationQueries } from '../applications/application-queries.service';
import { ApplicationSteps, documentRef } from '../applications/application-steps';
import { CLOCK_ACTOR } from '../applications/domain/actor';
import { ApplicationMaterialRow } from '../applications/entities/application-material.entity';
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
export class IntakeClock implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly reminderDays = Number(process.env.OW_GAP_REMINDER_DAYS ?? 7);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly steps: ApplicationSteps,
    private readonly queries: ApplicationQueries,
    private readonly documents: DocumentIssuer,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(process.env.OW_INTAKE_CLOCK_INTERVAL_MS ?? 60_000);
    // Scheduled work belongs to the service's workers, not to an API-only process (OW_ROLE=api).
    if (!(every > 0) || !runsBackgroundWork()) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce().catch((err) => logger.error({ err }, 'intake clock run failed')).finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(today = todayInShanghai()): Promise<ClockRun> {
    const lock = this.ds.createQueryRunner();
    await lock.connect();
    try {
      const [{ got }] = await lock.query('select pg_try_advisory_lock(hashtext($1)) as got', ['intake-clock']);
      if (!got) return { ran: false, deemedAccepted: [], reminders: [], overdue: [] };
      try {
        const deemedAccepted = await this.deemAcceptance(today);
        const { reminders, overdue } = await this.chaseGapMaterials(today);
        return { ran: true, deemedAccepted, reminders, overdue };
      } finally {
        await lock.query('select pg_advisory_unlock(hashtext($1))', ['intake-clock']);
      }
    } finally {
      await lock.release();
    }
  }

  /** A3: deem accepted what has waited past the 5th working day. */
  async deemAcceptance(today: string): Promise<string[]> {
    // 5 working days are at least 5 natural days: a cheap, indexed pre-filter; the calendar decides.
    const candidates: { id: string; from: string }[] = await this.ds.query(
      `select id, intake_clock_from::text as "from" from application where state = 'RECEIVED' and intake_clock_from <= $1 order by intake_clock_from limit ${BATCH}`,
      [addDays(today, -INTAKE_DECISION_WORKING_DAYS)],
    );
    const done: string[] = [];
    for (const c of candidates) {
      if (!isDeemedAccepted(intakeCalendar, c.from, today)) continue;
      const ok = await this.ds.transaction(async (m) => {
        const app = await this.queries.findForUpdate(m, c.id);
        if (!app || app.state !== 'RECEIVED' || !isDeemedAccepted(intakeCalendar, app.intakeClockFrom, today)) return false;
        const acceptedOn = app.intakeClockFrom;
        const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays);
        const doc = await this.documents.issue(m, {
          kind: 'acceptance', applicationId: app.id, applicationNumber: app.number, issuer: app.department,
          fields: { ...docFields(app), acceptedOn, ...dueFields(due), deemed: true },
        });
        const receivedOn = todayInShanghai(app.receivedAt);
        await this.steps.apply(m, app, {
          action: 'deem-accept', actor: CLOCK_ACTOR, document: doc, changes: { acceptedOn, ...due, deemedAccepted: true },
          note: `${INTAKE_DECISION_WORKING_DAYS} 个工作日内未作受理决定，自 ${acceptedOn} 起视为受理 (行政许可法第三十二条; deemed accepted as of ${acceptedOn})`,
          detail: { acceptedOn, receivedOn, today, ...dueFields(due) },
          event: { name: 'deemed-accepted', data: { acceptedOn, receivedOn, ...dueFields(due), document: documentRef(doc) } },
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
    const rows: { applicationId: string; materialCode: string; name: string; dueOn: string; remind: boolean }[] = await this.ds.query(
      `select m.application_id as "applicationId", m.material_code as "materialCode", m.name, m.due_on::text as "dueOn",
              (m.due_on >= $1) as remind
         from application_material m join application a on a.id = m.application_id
        where m.status = 'promised' and a.state = any($3)
          and ((m.due_on < $1 and m.overdue_reported_at is null) or (m.due_on >= $1 and m.due_on <= $2 and m.reminded_at is null))
        order by m.due_on limit ${BATCH}`,
      [today, addDays(today, this.reminderDays), CHASED_STATES],
    );
    const reminders: ClockRun['reminders'] = [];
    const overdue: ClockRun['overdue'] = [];
    for (const r of rows) {
      const applied = await this.ds.transaction(async (m) => {
        const app = await this.queries.findForUpdate(m, r.applicationId);
        if (!app) return false;
        const column = r.remind ? 'reminded_at' : 'overdue_reported_at';
        const res = await m.createQueryBuilder().update(ApplicationMaterialRow).set(r.remind ? { remindedAt: new Date() } : { overdueReportedAt: new Date() })
          .where(`application_id = :a and material_code = :c and status = 'promised' and ${column} is null`, { a: r.applicationId, c: r.materialCode }).execute();
        if (res.affected !== 1) return false;
        const material = { code: r.materialCode, name: r.name };
        if (r.remind) {
          await this.steps.apply(m, app, {
            action: 'secondary-material-reminder', actor: CLOCK_ACTOR, note: `容缺材料「${r.name}」将于 ${r.dueOn} 到期 (due soon)`, detail: { materialCode: r.materialCode, dueOn: r.dueOn },
            event: { name: 'secondary-material-reminder', data: { material, dueOn: r.dueOn } },
          });
        } else {
          const late = daysOverdue(r.dueOn, today);
          await this.steps.apply(m, app, {
            action: 'secondary-material-overdue', actor: CLOCK_ACTOR, note: `容缺材料「${r.name}」已逾期 ${late} 天 (overdue)`, detail: { materialCode: r.materialCode, dueOn: r.dueOn, daysOverdue: late },
            event: { name: 'secondary-material-overdue', data: { material, dueOn: r.dueOn, daysOverdue: late } },
          });
        }
        return true;
      });
      if (applied) (r.remind ? reminders : overdue).push({ applicationId: r.applicationId, materialCode: r.materialCode });
    }
    return { reminders, overdue };
  }
}
