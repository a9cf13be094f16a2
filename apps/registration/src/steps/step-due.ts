import { IsoDate, todayInShanghai, type WorkingCalendar, provisionalFieldsOf } from '@onewindow/calendar';

/** A step's due date and the years without an official holiday notice it was counted through. */
export interface StepDue {
  dueOn: IsoDate;
  provisionalYears: number[];
}

/**
 * The last day of a step's time limit: `limit` working days counted from the day after the request
 * (Asia/Shanghai). The same count at request and at every recount, so a recount differs only by the
 * calendar it runs on.
 */
export function stepDue(calendar: WorkingCalendar, requestedAt: Date, limit: number): StepDue {
  const from = todayInShanghai(requestedAt);
  const dueOn = calendar.addWorkingDays(from, limit);
  return { dueOn, provisionalYears: calendar.provisionalYearsBetween(from, dueOn) };
}

/** One recount of a step's due date, kept in the step's due_history. */
export interface DueChange {
  previousDueOn: IsoDate;
  dueOn: IsoDate;
  /** When the recount ran (ISO instant). */
  at: string;
  /** The years whose notice, now official, the previous date had been provisional for. */
  officialYears: number[];
  reason: string;
  /** The step's attempt the date belonged to (a corrected step is requested again with a new date). */
  attempt: number;
}

export function dueChangeReason(officialYears: readonly number[], changed: boolean): string {
  const years = officialYears.join('、');
  return changed
    ? `${years} 年节假日安排通知已发布，办理时限按正式日历重新核定 (the ${officialYears.join(', ')} holiday notice was published; the due date was recounted on it)`
    : `${years} 年节假日安排通知已发布，办理时限经核定不变 (the ${officialYears.join(', ')} holiday notice was published; the recounted due date is unchanged)`;
}

/**
 * The recount of a stored due date on the calendar as it is now, as the correction writes it: the new
 * date, the years it is still provisional for, and the history entry; `null` when the stored date was
 * not provisional for any year that is official now (nothing to recount yet).
 */
export function recountDue(
  calendar: WorkingCalendar,
  step: { requestedAt: Date; limit: number; dueOn: IsoDate; provisionalYears: readonly number[]; attempt: number },
  now: Date,
): { due: StepDue; change: DueChange; changed: boolean } | null {
  const officialYears = step.provisionalYears.filter((y) => calendar.isOfficialYear(y));
  if (officialYears.length === 0) return null;
  const due = stepDue(calendar, step.requestedAt, step.limit);
  const changed = due.dueOn !== step.dueOn;
  return {
    due,
    changed,
    change: {
      previousDueOn: step.dueOn,
      dueOn: due.dueOn,
      at: now.toISOString(),
      officialYears,
      reason: dueChangeReason(officialYears, changed),
      attempt: step.attempt,
    },
  };
}

/** The due date as every step view shows it: the date, whether it may still move and why, and its recounts. */
export function dueView(s: {
  dueOn: IsoDate | null;
  dueProvisionalYears: readonly number[] | null;
  dueHistory: DueChange[] | null;
}): {
  dueOn: IsoDate | null;
  provisional: boolean;
  provisionalReason: string | null;
  dueHistory: DueChange[];
} {
  // A step never requested has no date, so nothing about it is provisional.
  return {
    dueOn: s.dueOn,
    ...provisionalFieldsOf(s.dueOn ? (s.dueProvisionalYears ?? []) : []),
    dueHistory: s.dueHistory ?? [],
  };
}
