import { officialCalendar as cal } from '@onewindow/calendar';
import { daysOverdue, dueDatesFrom, extendLegalDue, gapMaterialDue, intakeDecisionDue, isDeemedAccepted, pausedWorkingDays, reminderDue, remainingWorkingDays, shiftForPause } from './clock';

// Real dates on the official calendar (国办发明电): National Day 2025 is 10-01..10-08 off, with make-up
// working days on Sunday 09-28 and Saturday 10-11; Spring Festival 2026 is 02-15..02-23 off, make-up 02-14 and 02-28.
describe('the clock (A7) on the official calendar', () => {
  it('due dates count working days from the day after acceptance, across National Day', () => {
    // Accepted Tuesday 2025-09-30: 10-01..10-08 are off, 10-09 is the 1st working day.
    expect(dueDatesFrom(cal, '2025-09-30', 1, 5)).toEqual({ promisedDue: '2025-10-09', legalDue: '2025-10-14' });
    // 10-11 (Saturday) is a make-up working day: the 3rd working day after 09-30 is 10-11.
    expect(dueDatesFrom(cal, '2025-09-30', 3, 20)).toEqual({ promisedDue: '2025-10-11', legalDue: '2025-11-04' });
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
    expect(due).toEqual({ promisedDue: '2026-02-09', legalDue: '2026-03-06' });
    expect(shiftForPause(cal, due, 4)).toEqual({ promisedDue: '2026-02-13', legalDue: '2026-03-12' });
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
