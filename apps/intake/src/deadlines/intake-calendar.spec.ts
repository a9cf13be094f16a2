import { calendarFallbackCounter } from '@onewindow/observability';
import { intakeCalendar } from './intake-calendar';

// The years the official data covers end with 2026 (libs/calendar/data): a due date that runs into
// 2027 is counted on its statutory holidays (provisional), and every such count must reach the metric the runbook alerts on.
describe('intake calendar past the official data', () => {
  const uses = async (year: number) =>
    (await calendarFallbackCounter.get()).values.find((v) => v.labels.year === String(year))?.value ?? 0;

  it('counts a deadline into a year without data provisionally and counts the fallback', async () => {
    const last = Math.max(...intakeCalendar.coverage());
    const next = last + 1;
    const before = await uses(next);
    // 20 working days from 12-20 of the last covered year, statutory holidays and weekends past 12-31.
    const due = intakeCalendar.addWorkingDays(`${last}-12-20`, 20);
    expect(due.startsWith(`${next}-01-`)).toBe(true);
    intakeCalendar.addWorkingDays(`${last}-12-21`, 20);
    expect(await uses(next)).toBe(before + 2);
  });
});
