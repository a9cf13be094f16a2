import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OfficialCalendarStore } from '@onewindow/official-calendar';
import { createLogger } from '@onewindow/observability';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationMaterialRepository } from '../applications/application-material.repository';
import { ApplicationStepService } from '../applications/application-step.service';
import { CLOCK_ACTOR } from '../applications/domain/actor';
import { CatalogueReader } from '../catalogue/catalogue.types';
import { dueFields, gapMaterialDue, recountDueDates } from '../deadlines/clock';
import { intakeCalendar } from '../deadlines/intake-calendar';

const logger = createLogger('intake-calendar');
const BATCH = 200;
/** States whose clock runs: a decided, concluded, withdrawn or rejected application keeps the dates it had. */
export const RECOUNTED_STATES = ['ACCEPTED', 'IN_REVIEW', 'PAUSED'] as const;

/**
 * Recounts the due dates an application got provisionally once the year's notice is official (ADR 0022):
 * each as one timeline step ('recalculate-due-dates', by the system) with the old and new dates, the
 * years that became official and the promised materials' dates, and the event
 * intake.application.due-dates-recalculated, whether or not the dates moved (the step is what tells the
 * applicant the date is now final). Read along the partial index of open provisional applications.
 */
@Injectable()
export class DueDateCorrectionService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: OfficialCalendarStore,
    private readonly applications: ApplicationRepository,
    private readonly materialRows: ApplicationMaterialRepository,
    private readonly steps: ApplicationStepService,
    private readonly catalogue: CatalogueReader,
  ) {}

  onModuleInit(): void {
    this.store.registerCorrection({ name: 'intake-application-due-dates', run: () => this.run() });
  }

  /** Every open application whose provisional years include one that is official now; returns how many were recounted. */
  async run(): Promise<number> {
    let done = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows = await this.applications.withProvisionalYears(
        RECOUNTED_STATES,
        intakeCalendar.coverage(),
        after,
        BATCH,
      );
      for (const { id } of rows) if (await this.ds.transaction((m) => this.recount(m, id))) done++;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    if (done)
      logger.info({ applications: done, official: intakeCalendar.coverage() }, 'provisional due dates recounted');
    return done;
  }

  private async recount(m: EntityManager, id: string): Promise<boolean> {
    const app = await this.applications.findForUpdate(m, id);
    const official = app?.dueProvisionalYears.filter((y) => intakeCalendar.isOfficialYear(y)) ?? [];
    if (
      !app ||
      !app.acceptedOn ||
      official.length === 0 ||
      !(RECOUNTED_STATES as readonly string[]).includes(app.state)
    )
      return false;
    const materials = (await this.materialRows.ofApplication(id, m)).filter((r) => r.status === 'promised' && r.dueOn);
    const gapDays = materials.length
      ? (await this.catalogue.version(app.itemCode, app.itemVersion)).definition.gapAcceptanceDays
      : null;
    const materialDue =
      gapDays === null || gapDays === undefined ? null : gapMaterialDue(intakeCalendar, app.acceptedOn, gapDays);
    const recounted = materials.map((r) => ({
      code: r.materialCode,
      name: r.name,
      previousDueOn: r.dueOn!,
      dueOn: materialDue ?? r.dueOn!,
    }));
    const due = recountDueDates(
      intakeCalendar,
      { ...app, acceptedOn: app.acceptedOn },
      recounted.map((r) => r.dueOn),
    );
    for (const r of recounted.filter((r) => r.dueOn !== r.previousDueOn)) {
      await this.materialRows.update(m, id, r.code, { dueOn: r.dueOn });
    }
    const previous = { promisedDue: app.promisedDue, legalDue: app.legalDue };
    const changed =
      previous.promisedDue !== due.promisedDue ||
      previous.legalDue !== due.legalDue ||
      recounted.some((r) => r.dueOn !== r.previousDueOn);
    const told = dueFields(due);
    await this.steps.apply(m, app, {
      action: 'recalculate-due-dates',
      actor: CLOCK_ACTOR,
      changes: { promisedDue: due.promisedDue, legalDue: due.legalDue, dueProvisionalYears: due.dueProvisionalYears },
      note: changed
        ? `${official.join('、')} 年节假日安排已发布，期限重新核定：法定办结日期 ${previous.legalDue} → ${due.legalDue}，承诺办结日期 ${previous.promisedDue} → ${due.promisedDue} (due dates recalculated on the published notice)`
        : `${official.join('、')} 年节假日安排已发布，期限经核定不变 (due dates confirmed on the published notice)`,
      detail: { officialYears: official, previous, ...told, changed, materials: recounted },
      event: {
        name: 'due-dates-recalculated',
        data: { officialYears: official, previous, ...told, changed, materials: recounted },
      },
    });
    return true;
  }
}
