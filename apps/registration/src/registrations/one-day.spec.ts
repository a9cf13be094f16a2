import { officialCalendar } from '@onewindow/calendar';
import { oneDayMeasure } from './one-day';

describe('one working day, measured', () => {
  const at = (s: string) => new Date(s);
  it('same day and next working day keep the promise; two working days do not', () => {
    expect(oneDayMeasure(at('2026-11-23T01:00:00Z'), at('2026-11-23T08:00:00Z'), officialCalendar)).toEqual({
      workingDaysTaken: 0,
      withinOneWorkingDay: true,
    });
    expect(oneDayMeasure(at('2026-11-23T01:00:00Z'), at('2026-11-24T08:00:00Z'), officialCalendar)).toEqual({
      workingDaysTaken: 1,
      withinOneWorkingDay: true,
    });
    expect(oneDayMeasure(at('2026-11-23T01:00:00Z'), at('2026-11-25T08:00:00Z'), officialCalendar)).toEqual({
      workingDaysTaken: 2,
      withinOneWorkingDay: false,
    });
  });

  it('counts in Asia/Shanghai and skips weekends and holidays', () => {
    // Friday 2026-11-20 23:30 in Shanghai (15:30 UTC) to Monday 2026-11-23: one working day.
    expect(
      oneDayMeasure(at('2026-11-20T15:30:00Z'), at('2026-11-23T02:00:00Z'), officialCalendar).workingDaysTaken,
    ).toBe(1);
    // 2025-09-30 to 2025-10-09 spans the National Day holiday: 1 working day (10-09).
    expect(
      oneDayMeasure(at('2025-09-30T02:00:00Z'), at('2025-10-09T02:00:00Z'), officialCalendar).workingDaysTaken,
    ).toBe(1);
  });
});
