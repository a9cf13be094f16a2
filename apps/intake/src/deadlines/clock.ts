import { IsoDate, provisionalFieldsOf, WorkingCalendar } from '@onewindow/calendar';

/*
 * The clock of an application (20-intake.md A3, A4, A7). Pure functions over a WorkingCalendar, so
 * they are tested with real dates across the official holidays (clock.spec.ts).
 *
 * Counting (行政许可法第四十二条、第八十二条; 民法典第二百零一条): limits are in working days, counted
 * from the day after acceptance (addWorkingDays never counts its start day).
 */

/** Working days the authority has to make the intake decision (行政许可法第三十二条). */
export const INTAKE_DECISION_WORKING_DAYS = 5;
/** The largest extension of the legal limit for a single item (行政许可法第四十二条: 10 working days). */
export const MAX_EXTENSION_WORKING_DAYS = 10;

export interface DueDates {
  promisedDue: IsoDate;
  legalDue: IsoDate;
  /**
   * The years without an official holiday notice that the application's counts ran through (ADR 0022):
   * non-empty means every due date of the application is provisional until the notice is added.
   */
  dueProvisionalYears: number[];
}

/**
 * The years without a notice between the acceptance and the latest of the application's due dates:
 * every count of the application (limits, pauses, extensions, gap periods) starts at the acceptance.
 */
export function provisionalYearsOf(
  cal: WorkingCalendar,
  acceptedOn: IsoDate,
  dates: readonly (IsoDate | null | undefined)[],
): number[] {
  const latest = dates.reduce<IsoDate>((max, d) => (d && d > max ? d : max), acceptedOn);
  return cal.provisionalYearsBetween(acceptedOn, latest);
}

/** promised_due and legal_due from the acceptance date; `alsoDue`: other dates counted from it (gap materials). */
export function dueDatesFrom(
  cal: WorkingCalendar,
  acceptedOn: IsoDate,
  promisedLimitDays: number,
  legalLimitDays: number,
  alsoDue: IsoDate[] = [],
): DueDates {
  const promisedDue = cal.addWorkingDays(acceptedOn, promisedLimitDays);
  const legalDue = cal.addWorkingDays(acceptedOn, legalLimitDays);
  return {
    promisedDue,
    legalDue,
    dueProvisionalYears: provisionalYearsOf(cal, acceptedOn, [promisedDue, legalDue, ...alsoDue]),
  };
}

/** How due dates are told in events, documents and timeline details: the dates and whether they are provisional. */
export function dueFields(due: Pick<DueDates, 'promisedDue' | 'legalDue' | 'dueProvisionalYears'>) {
  return { promisedDue: due.promisedDue, legalDue: due.legalDue, ...provisionalFieldsOf(due.dueProvisionalYears) };
}

/**
 * The due dates an application has on the calendar as it is now, from what they were counted from: the
 * acceptance, the limits, the working days paused so far and the extension. Counting n then m working
 * days from a date lands where counting n + m does, so this is what acceptance, resumes and extensions
 * produced step by step (clock.spec.ts checks it); it is how provisional dates are recounted once the
 * year's notice is published.
 */
export function recountDueDates(
  cal: WorkingCalendar,
  app: {
    acceptedOn: IsoDate;
    promisedLimitDays: number;
    legalLimitDays: number;
    pausedWorkingDays: number;
    extensionDays: number;
  },
  alsoDue: IsoDate[] = [],
): DueDates {
  const promisedDue = cal.addWorkingDays(app.acceptedOn, app.promisedLimitDays + app.pausedWorkingDays);
  const legalDue = cal.addWorkingDays(app.acceptedOn, app.legalLimitDays + app.pausedWorkingDays + app.extensionDays);
  return {
    promisedDue,
    legalDue,
    dueProvisionalYears: provisionalYearsOf(cal, app.acceptedOn, [promisedDue, legalDue, ...alsoDue]),
  };
}

/**
 * Working days excluded by a pause (special procedure, 行政许可法第四十五条) from `pausedOn` to
 * `resumedOn`: the working days in (pausedOn, resumedOn]. The pause day itself was already used by the
 * authority, the resume day is given back (the clock runs again from the day after), and a pause
 * started and ended on one day excludes nothing.
 */
export function pausedWorkingDays(cal: WorkingCalendar, pausedOn: IsoDate, resumedOn: IsoDate): number {
  if (resumedOn < pausedOn) throw new RangeError(`恢复日期早于暂停日期 (resume ${resumedOn} before pause ${pausedOn})`);
  return cal.workingDaysBetween(pausedOn, resumedOn);
}

/** Both due dates moved out by the working days paused (computed on resume); still provisional if they were. */
export function shiftForPause(cal: WorkingCalendar, acceptedOn: IsoDate, due: DueDates, pausedDays: number): DueDates {
  const promisedDue = cal.addWorkingDays(due.promisedDue, pausedDays);
  const legalDue = cal.addWorkingDays(due.legalDue, pausedDays);
  const years = new Set([...due.dueProvisionalYears, ...provisionalYearsOf(cal, acceptedOn, [promisedDue, legalDue])]);
  return { promisedDue, legalDue, dueProvisionalYears: [...years].sort((a, b) => a - b) };
}

/**
 * An extension (延期) adds working days to the legal due date only; the promised date is the centre's
 * own promise and is never extended silently (00-overview.md). Refuses 0, negatives and more than 10.
 */
export function extendLegalDue(cal: WorkingCalendar, legalDue: IsoDate, days: number, alreadyExtended = 0): IsoDate {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError('延期天数须为正整数 (extension must be a positive number of working days)');
  if (alreadyExtended + days > MAX_EXTENSION_WORKING_DAYS) {
    throw new RangeError(
      `延期累计不得超过 ${MAX_EXTENSION_WORKING_DAYS} 个工作日 (total extension at most ${MAX_EXTENSION_WORKING_DAYS} working days)`,
    );
  }
  return cal.addWorkingDays(legalDue, days);
}

/**
 * Working days left until `due` as seen on `today`: 0 on the due day, negative when overdue (minus the
 * working days past it). While paused the caller passes the pause date as `today` (the clock is stopped).
 */
export function remainingWorkingDays(cal: WorkingCalendar, today: IsoDate, due: IsoDate): number {
  return cal.workingDaysBetween(today, due);
}

/** The last day of the 5-working-day intake decision period for an application received on `receivedOn`. */
export function intakeDecisionDue(cal: WorkingCalendar, receivedOn: IsoDate): IsoDate {
  return cal.addWorkingDays(receivedOn, INTAKE_DECISION_WORKING_DAYS);
}

/** True once the intake decision period has passed without a decision: the application is deemed accepted. */
export function isDeemedAccepted(cal: WorkingCalendar, receivedOn: IsoDate, today: IsoDate): boolean {
  return today > intakeDecisionDue(cal, receivedOn);
}

/** Due date of a material promised under gap acceptance: natural days, moved to the next working day (民法典第二百零三条). */
export function gapMaterialDue(cal: WorkingCalendar, acceptedOn: IsoDate, gapAcceptanceDays: number): IsoDate {
  return cal.addNaturalDays(acceptedOn, gapAcceptanceDays);
}

/** Natural days between two dates (b - a). */
export function naturalDaysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A reminder is due from `reminderDays` natural days before the due date, until the due date. */
export function reminderDue(dueOn: IsoDate, today: IsoDate, reminderDays: number): boolean {
  const left = naturalDaysBetween(today, dueOn);
  return left >= 0 && left <= reminderDays;
}

/** Natural days a promised material is overdue on `today` (0 when not overdue). */
export function daysOverdue(dueOn: IsoDate, today: IsoDate): number {
  return Math.max(0, naturalDaysBetween(dueOn, today));
}
