import { todayInShanghai, type WorkingCalendar } from '@onewindow/calendar';

/**
 * The one-working-day promise (R7), measured for every registration: the working days in
 * (submission date, completion date], on the official calendar, Asia/Shanghai. 0 (same day) or 1 (the
 * next working day, e.g. submitted on Friday evening, done on Monday) keeps the promise.
 */
export function oneDayMeasure(
  submittedAt: Date,
  completedAt: Date,
  calendar: WorkingCalendar,
): { workingDaysTaken: number; withinOneWorkingDay: boolean } {
  const workingDaysTaken = calendar.workingDaysBetween(todayInShanghai(submittedAt), todayInShanghai(completedAt));
  return { workingDaysTaken, withinOneWorkingDay: workingDaysTaken <= 1 };
}
