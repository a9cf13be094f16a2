import { addDays, officialCalendar as cal, officialCalendarWithFallback } from '@onewindow/calendar';
import {
  daysOverdue,
  dueDatesFrom,
  dueFields,
  extendLegalDue,
  gapMaterialDue,
  intakeDecisionDue,
  isDeemedAccepted,
  pausedWorkingDays,
  recountDueDates,
  reminderDue,
  remainingWorkingDays,
  shiftForPause,
} from './clock';

// Real dates on the official calendar (国办发明电): National Day 2025 is 10-01..10-08 off, with make-up
// working days on Sunday 09-28 and Saturday 10-11; Spring Festival 2026 is 02-15..02-23 off, make-up 02-14 and 02-28.
describe('the clock (A7) on the official calendar', () => {
  it('due dates count working days from the day after acceptance, across National Day', () => {
    // Accepted Tuesday 2025-09-30: 10-01..10-08 are off, 10-09 is the 1st working day.
    expect(dueDatesFrom(cal, '2025-09-30', 1, 5)).toEqual({
      promisedDue: '2025-10-09',
      legalDue: '2025-10-14',
      dueProvisionalYears: [],
    });
    // 10-11 (Saturday) is a make-up working day: the 3rd working day after 09-30 is 10-11.
    expect(dueDatesFrom(cal, '2025-09-30', 3, 20)).toEqual({
      promisedDue: '2025-10-11',
      legalDue: '2025-11-04',
      dueProvisionalYears: [],
    });
  });

  it('a make-up Sunday counts: accepted Friday 2025-09-26, the 1st working day is Sunday 09-28', () => {
    expect(dueDatesFrom(cal, '2025-09-26', 1, 2).promisedDue).toBe('2025-09-28');
    expect(dueDatesFrom(cal, '2025-09-26', 1, 2).legalDue).toBe('2025-09-29');
  });

  it('a pause over the Spring Festival excludes only its working days, and both due dates move', () => {
    // Paused Thursday 2026-02-12, resumed Wednesday 2026-02-25: (02-12, 02-25] holds 02-13 (Fri), 02-14 (make-up Sat), 02-24, 02-25.
    expect(pausedWorkingDays(cal, '2026-02-12', '2026-02-25')).toBe(4);
    const due = dueDatesFrom(cal, '2026-02-02', 5, 20);
    // Legal: 02-03..02-13 (9), make-up 02-14 (10), 02-24..02-27 (14), make-up 02-28 (15), 03-02..03-06 (20).
    expect(due).toEqual({ promisedDue: '2026-02-09', legalDue: '2026-03-06', dueProvisionalYears: [] });
    expect(shiftForPause(cal, '2026-02-02', due, 4)).toEqual({
      promisedDue: '2026-02-13',
      legalDue: '2026-03-12',
      dueProvisionalYears: [],
    });
  });

  it('a pause resumed the same day excludes nothing; resume before pause is refused', () => {
    expect(pausedWorkingDays(cal, '2026-03-02', '2026-03-02')).toBe(0);
    expect(() => pausedWorkingDays(cal, '2026-03-02', '2026-03-01')).toThrow(RangeError);
  });

  it('an extension adds working days to the legal due date only, at most 10 in total', () => {
    expect(extendLegalDue(cal, '2025-09-30', 10)).toBe('2025-10-21'); // 10-09, 10-10, 10-11 (make-up), 10-13..10-17, 10-20, 10-21
    expect(extendLegalDue(cal, '2026-11-23', 5, 5)).toBe('2026-11-30');
    expect(() => extendLegalDue(cal, '2026-11-23', 6, 5)).toThrow(/at most 10/);
    expect(() => extendLegalDue(cal, '2026-11-23', 11)).toThrow(RangeError);
    expect(() => extendLegalDue(cal, '2026-11-23', 0)).toThrow(RangeError);
  });

  it('remaining working days: positive before, 0 on the day, negative after', () => {
    expect(remainingWorkingDays(cal, '2025-09-30', '2025-10-09')).toBe(1);
    expect(remainingWorkingDays(cal, '2025-10-09', '2025-10-09')).toBe(0);
    expect(remainingWorkingDays(cal, '2025-10-13', '2025-10-09')).toBe(-3); // 10-10, 10-11 (make-up), 10-13
  });

  it('5-working-day intake rule: deemed accepted only after the 5th working day has passed', () => {
    // Received Monday 2026-09-28: 09-29, 09-30, (10-01..10-07 off), 10-08, 10-09, make-up Saturday 10-10.
    expect(intakeDecisionDue(cal, '2026-09-28')).toBe('2026-10-10');
    expect(isDeemedAccepted(cal, '2026-09-28', '2026-10-10')).toBe(false);
    expect(isDeemedAccepted(cal, '2026-09-28', '2026-10-11')).toBe(true);
    // An ordinary week: received Monday 2026-11-16, the 5th working day is Monday 11-23.
    expect(intakeDecisionDue(cal, '2026-11-16')).toBe('2026-11-23');
    expect(isDeemedAccepted(cal, '2026-11-16', '2026-11-23')).toBe(false);
    expect(isDeemedAccepted(cal, '2026-11-16', '2026-11-24')).toBe(true);
  });

  it('gap materials: natural days, moved to the next working day when the last day is a rest day', () => {
    // 60 natural days from 2025-08-02 is 10-01, inside National Day: the period ends on 10-09.
    expect(gapMaterialDue(cal, '2025-08-02', 60)).toBe('2025-10-09');
    expect(gapMaterialDue(cal, '2026-03-02', 30)).toBe('2026-04-01');
  });

  it('reminders within N days before the due date; days overdue after it', () => {
    expect(reminderDue('2026-04-01', '2026-03-25', 7)).toBe(true);
    expect(reminderDue('2026-04-01', '2026-03-24', 7)).toBe(false);
    expect(reminderDue('2026-04-01', '2026-04-02', 7)).toBe(false);
    expect(daysOverdue('2026-04-01', '2026-04-01')).toBe(0);
    expect(daysOverdue('2026-04-01', '2026-04-04')).toBe(3);
  });
});

describe('due dates through a year without a holiday notice (provisional, ADR 0022)', () => {
  const lenient = officialCalendarWithFallback(() => undefined);

  it('are counted on the statutory holidays and marked provisional with the reason', () => {
    // Accepted Friday 2026-12-04 with a 20-working-day legal limit: 19 working days to 12-31, then 2027-01-01 is
    // New Year's Day by law (a Friday), so the 20th is Monday 01-04, not Friday 01-01 as weekends-only said.
    const due = dueDatesFrom(lenient, '2026-12-04', 5, 20);
    expect(due).toEqual({ promisedDue: '2026-12-11', legalDue: '2027-01-04', dueProvisionalYears: [2027] });
    const told = dueFields(due);
    expect(told.provisional).toBe(true);
    expect(told.provisionalReason).toMatch(/2027 年国务院办公厅节假日安排通知尚未发布/);
    // Both dates inside 2026: final, nothing provisional.
    expect(dueFields(dueDatesFrom(lenient, '2026-11-02', 5, 20))).toMatchObject({
      provisional: false,
      provisionalReason: null,
    });
    // A gap material due in 2027 makes the application's dates provisional although both limits end in 2026.
    expect(dueDatesFrom(lenient, '2026-12-01', 1, 5, ['2027-01-29']).dueProvisionalYears).toEqual([2027]);
  });

  it('recounting from acceptance, pauses and extension gives what the steps gave, on any calendar', () => {
    for (const [calendar, days] of [
      [cal, 280],
      [lenient, 800],
    ] as const) {
      for (let start = 0; start < days; start += 3) {
        const acceptedOn = addDays('2025-11-03', start);
        const limits = { promisedLimitDays: 3 + (start % 11), legalLimitDays: 20 };
        let due = dueDatesFrom(calendar, acceptedOn, limits.promisedLimitDays, limits.legalLimitDays);
        due = shiftForPause(calendar, acceptedOn, due, 4);
        const legalDue = extendLegalDue(calendar, due.legalDue, 6);
        const recounted = recountDueDates(calendar, { acceptedOn, ...limits, pausedWorkingDays: 4, extensionDays: 6 });
        expect({ acceptedOn, promisedDue: recounted.promisedDue, legalDue: recounted.legalDue }).toEqual({
          acceptedOn,
          promisedDue: due.promisedDue,
          legalDue,
        });
      }
    }
  });
});
