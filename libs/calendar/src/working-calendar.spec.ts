import { CalendarYearMissingError } from './calendar-year-missing-error';
import { addDays } from './iso-date';
import { HolidayData } from './holiday-data';
import { officialCalendar, officialCalendarWithFallback } from './official-calendar';
import { CalendarYearMissingWarning, WorkingCalendar } from './working-calendar';

const cal = officialCalendar;

describe('officialCalendar: which days are working days', () => {
  it('covers the years with a published notice', () => {
    expect(cal.coverage()).toEqual([2024, 2025, 2026]);
  });

  it('treats a make-up Sunday as a working day (2025-01-26, before Spring Festival)', () => {
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(cal.holidayName('2025-01-26')).toBeUndefined();
  });

  it('treats 2025-10-01..08 as the National Day and Mid-Autumn holiday', () => {
    for (let d = 1; d <= 8; d++) {
      const date = `2025-10-0${d}`;
      expect(cal.isWorkingDay(date)).toBe(false);
      expect(cal.holidayName(date)).toBe('国庆节、中秋节');
    }
    expect(cal.isWorkingDay('2025-09-30')).toBe(true);
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up
    expect(cal.isWorkingDay('2025-10-12')).toBe(false); // ordinary Sunday
  });

  it('knows the 2026 Spring Festival: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    for (let d = 15; d <= 23; d++) {
      expect(cal.isWorkingDay(`2026-02-${d}`)).toBe(false);
      expect(cal.holidayName(`2026-02-${d}`)).toBe('春节');
    }
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('treats ordinary weekdays as working and ordinary weekends as rest, without a holiday name', () => {
    expect(cal.isWorkingDay('2025-03-12')).toBe(true);
    expect(cal.isWorkingDay('2025-03-15')).toBe(false);
    expect(cal.holidayName('2025-03-15')).toBeUndefined();
    expect(cal.holidayName('2024-10-05')).toBe('国庆节');
  });

  it('counts the published number of working days per year (251, 248, 248)', () => {
    expect(cal.workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025/10/01', 1)).toThrow(/YYYY-MM-DD/);
  });
});

describe('addWorkingDays: counted from the day after start', () => {
  it('skips the National Day holiday: 1 working day after 2025-09-30 is 2025-10-09', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('does not count the start day even when it is a working day', () => {
    expect(cal.addWorkingDays('2025-03-12', 1)).toBe('2025-03-13');
    expect(cal.addWorkingDays('2025-03-12', 0)).toBe('2025-03-12');
  });

  it('crosses the 2026 Spring Festival, counting the make-up Saturday', () => {
    // 02-13 Fri (1), 02-14 Sat make-up (2), 02-15..23 off, 02-24 Tue (3)
    expect(cal.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-10', 20)).toBe('2026-03-16');
  });

  it('gives the 20-working-day deadline of an application received 2025-09-22', () => {
    // 09-23..09-30 is 7 working days (incl. Sunday 09-28), 10-09..10-24 is 13 (incl. Saturday 10-11).
    expect(cal.addWorkingDays('2025-09-22', 20)).toBe('2025-10-24');
  });

  it('crosses the year boundary between two covered years', () => {
    expect(cal.addWorkingDays('2024-12-30', 5)).toBe('2025-01-07');
    expect(cal.addWorkingDays('2025-01-20', 20)).toBe('2025-02-21');
  });

  it('rejects negative or fractional counts', () => {
    expect(() => cal.addWorkingDays('2025-03-12', -1)).toThrow(/non-negative integer/);
    expect(() => cal.addNaturalDays('2025-03-12', 0.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween, nextWorkingDay, workingDayOnOrAfter', () => {
  it('counts working days in (from, to]', () => {
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-12', '2025-03-12')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const start of ['2024-09-13', '2025-01-24', '2025-09-26', '2026-02-11']) {
      for (const n of [1, 5, 20, 60]) expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
    }
  });

  it('finds the next working day strictly after a date', () => {
    expect(cal.nextWorkingDay('2025-10-01')).toBe('2025-10-09');
    expect(cal.nextWorkingDay('2025-03-12')).toBe('2025-03-13');
    expect(cal.nextWorkingDay('2025-01-24')).toBe('2025-01-26');
  });

  it('keeps a working day and rolls a rest day forward', () => {
    expect(cal.workingDayOnOrAfter('2025-03-12')).toBe('2025-03-12');
    expect(cal.workingDayOnOrAfter('2026-02-15')).toBe('2026-02-24');
  });
});

describe('the working-day index gives what a day-by-day count gives', () => {
  // The reference walks the days one by one with isWorkingDay, which does not use the index.
  const walkAdd = (start: string, n: number): string => {
    let day = start;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (cal.isWorkingDay(day)) counted++;
    }
    return day;
  };
  const walkBetween = (from: string, to: string): number => {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (cal.isWorkingDay(day)) count++;
    return count;
  };
  const outcome = (f: () => unknown) => {
    try {
      return f();
    } catch (e) {
      return (e as Error).name;
    }
  };

  it('for every start day of the covered years and counts up to a year, including counts that run past them', () => {
    let past = 0;
    for (let start = '2024-01-01'; start <= '2026-12-31'; start = addDays(start, 1)) {
      for (const n of [0, 1, 2, 5, 20, 60, 250]) {
        const expected = outcome(() => walkAdd(start, n));
        if (expected === 'CalendarYearMissingError') past++;
        expect([start, n, outcome(() => cal.addWorkingDays(start, n))]).toEqual([start, n, expected]);
      }
    }
    expect(past).toBeGreaterThan(0);
  });

  it('for spans inside the covered years, either way round', () => {
    for (const [from, to] of [
      ['2024-01-01', '2026-12-31'],
      ['2024-02-09', '2024-02-19'],
      ['2025-09-26', '2026-03-02'],
      ['2026-12-31', '2024-01-01'],
      ['2025-05-05', '2025-05-05'],
    ]) {
      expect(cal.workingDaysBetween(from, to)).toBe(from <= to ? walkBetween(from, to) : -walkBetween(to, from));
    }
  });
});

describe('addNaturalDays: a period ending on a rest day ends on the next working day', () => {
  it('keeps a deadline that falls on a working day', () => {
    expect(cal.addNaturalDays('2025-06-01', 60)).toBe('2025-07-31');
  });

  it('moves a deadline that falls on a holiday: 60 days after 2025-08-02 is 10-01, moved to 10-09', () => {
    expect(cal.addNaturalDays('2025-08-02', 60)).toBe('2025-10-09');
  });

  it('moves a deadline on an ordinary weekend to Monday', () => {
    expect(cal.addNaturalDays('2025-01-14', 60)).toBe('2025-03-17'); // 03-15 is a Saturday
  });

  it('keeps a deadline on a make-up Saturday, which is a working day', () => {
    expect(cal.addNaturalDays('2025-08-12', 60)).toBe('2025-10-11');
  });

  it('moves a deadline into the 2026 Spring Festival past the holiday', () => {
    expect(cal.addNaturalDays('2025-12-17', 60)).toBe('2026-02-24');
  });
});

describe('a year without official data', () => {
  it('raises CalendarYearMissingError by default, naming the year', () => {
    expect(() => cal.isWorkingDay('2027-03-01')).toThrow(CalendarYearMissingError);
    try {
      cal.addWorkingDays('2026-12-25', 10);
      throw new Error('expected CalendarYearMissingError');
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarYearMissingError);
      expect((e as CalendarYearMissingError).year).toBe(2027);
      expect((e as Error).message).toMatch(/2027 年的法定节假日安排尚未录入/);
      expect((e as Error).message).toMatch(/no official holiday data for 2027/);
    }
    expect(() => cal.holidayName('2023-06-01')).toThrow(CalendarYearMissingError);
  });

  it('still answers inside covered years near the gap', () => {
    expect(cal.addWorkingDays('2026-12-24', 5)).toBe('2026-12-31');
  });

  it("in 'provisional' mode counts a missing year on its statutory holidays and calls the callback once per year per call", () => {
    const warnings: CalendarYearMissingWarning[] = [];
    const lenient = officialCalendarWithFallback((w) => warnings.push(w));
    // 2027-01-01 (a Friday) is New Year's Day by law, notice or not: 10 working days from 12-24 end on 01-08.
    expect(lenient.addWorkingDays('2026-12-24', 10)).toBe('2027-01-08');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.year).toBe(2027);
    expect(warnings[0]!.message).toMatch(/statutory holidays and weekends/);

    expect(lenient.isWorkingDay('2027-01-01')).toBe(false);
    expect(lenient.isWorkingDay('2027-01-02')).toBe(false);
    expect(lenient.isWorkingDay('2027-01-04')).toBe(true);
    expect(lenient.holidayName('2027-01-01')).toBe('元旦');
    expect(lenient.holidayName('2027-01-04')).toBeUndefined();
    expect(warnings.map((w) => w.year)).toEqual([2027, 2027, 2027, 2027, 2027, 2027]);

    // 2027-12-31 Fri; 2028-01-01 Sat is New Year's Day, given back on Monday 01-03; 01-04 Tue counts.
    expect(lenient.workingDaysBetween('2027-12-31', '2028-01-04')).toBe(1);
    expect(warnings.slice(6).map((w) => w.year)).toEqual([2028]);
  });

  it('counts the 2027 Spring Festival by law: 除夕 to 初三 (02-05..02-08) plus two days given back for the weekend', () => {
    const lenient = officialCalendarWithFallback(() => undefined);
    // 初一 is Saturday 2027-02-06, 初二 Sunday: 补假 on Tuesday 02-09 and Wednesday 02-10.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10'])
      expect(lenient.isWorkingDay(d)).toBe(false);
    expect(lenient.isWorkingDay('2027-02-04')).toBe(true);
    expect(lenient.isWorkingDay('2027-02-11')).toBe(true);
    // February 2027 has 20 weekdays; four of them are the festival's.
    expect(lenient.workingDaysBetween('2027-01-31', '2027-02-28')).toBe(16);
  });

  it('names the years a count runs through without a notice', () => {
    const lenient = officialCalendarWithFallback(() => undefined);
    expect(lenient.provisionalYearsBetween('2026-12-03', '2026-12-31')).toEqual([]);
    expect(lenient.provisionalYearsBetween('2026-12-31', '2027-01-05')).toEqual([2027]);
    expect(lenient.provisionalYearsBetween('2028-01-05', '2026-12-30')).toEqual([2027, 2028]);
    expect(lenient.provisionalYearsBetween('2027-01-05', '2027-01-05')).toEqual([]);
  });

  it('grows with a notice added at run time and counts the new year officially from then on', () => {
    const lenient = officialCalendarWithFallback(() => undefined);
    expect(lenient.addWorkingDays('2026-12-24', 10)).toBe('2027-01-08');
    // A fabricated notice: New Year 01-01..01-03 off, Saturday 01-09 worked.
    const added = lenient.addOfficialYears({
      source: 'test notice',
      years: { '2027': { off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], work: ['2027-01-09'] } },
    });
    expect(added).toEqual([2027]);
    expect(lenient.coverage()).toEqual([2024, 2025, 2026, 2027]);
    expect(lenient.provisionalYearsBetween('2026-12-24', '2027-01-08')).toEqual([]);
    expect(lenient.isWorkingDay('2027-01-09')).toBe(true);
    expect(lenient.addWorkingDays('2026-12-24', 10)).toBe('2027-01-08');
    expect(lenient.addWorkingDays('2026-12-24', 11)).toBe('2027-01-09');
    // Replacing a year is allowed (a corrected notice); an invalid one changes nothing.
    expect(() =>
      lenient.addOfficialYears({ source: 't', years: { '2027': { off: [], work: ['2027-01-06'] } } }),
    ).toThrow(/weekday/);
    expect(lenient.isWorkingDay('2027-01-09')).toBe(true);
    expect(officialCalendar.coverage()).toEqual([2024, 2025, 2026]);
  });

  it("refuses 'provisional' mode without a callback", () => {
    const data: HolidayData = { source: 't', years: { '2025': { off: [], work: [] } } };
    expect(() => new WorkingCalendar(data, { onMissingYear: 'provisional' } as never)).toThrow(/warn callback/);
  });

  it('trusts a listed day across the boundary of an uncovered year', () => {
    const data: HolidayData = {
      source: 't',
      years: { '2025': { off: [{ name: '元旦', from: '2024-12-30', to: '2025-01-01' }], work: ['2024-12-28'] } },
    };
    const custom = new WorkingCalendar(data);
    expect(custom.holidayName('2024-12-30')).toBe('元旦');
    expect(custom.isWorkingDay('2024-12-28')).toBe(true);
    expect(() => custom.isWorkingDay('2024-12-27')).toThrow(CalendarYearMissingError);
  });
});
