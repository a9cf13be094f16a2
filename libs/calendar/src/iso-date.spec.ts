import {
  addDays,
  dayOfWeek,
  fromDayNumber,
  fromIsoDate,
  isIsoDate,
  toDayNumber,
  toIsoDate,
  todayInShanghai,
} from './iso-date';

describe('IsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2025-10-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-1')).toBe(false);
    expect(isIsoDate('2025-10-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20251001)).toBe(false);
  });

  it('rejects an invalid date with a bilingual message', () => {
    expect(() => toDayNumber('2025-02-30')).toThrow(/日期无效.*invalid date/);
  });

  it('does day arithmetic across month, year and leap-day boundaries', () => {
    expect(addDays('2025-09-30', 1)).toBe('2025-10-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-08-02', 60)).toBe('2025-10-01');
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
  });

  it('round-trips day numbers, including years below 100 that Date.UTC would remap', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    for (const d of ['0099-12-31', '1900-01-01', '2026-02-15', '9999-12-31'])
      expect(fromDayNumber(toDayNumber(d))).toBe(d);
  });

  it('knows the weekday (0 = Sunday)', () => {
    expect(dayOfWeek('2025-01-26')).toBe(0);
    expect(dayOfWeek('2025-10-11')).toBe(6);
    expect(dayOfWeek('2026-02-17')).toBe(2);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });
});

describe('Asia/Shanghai conversion', () => {
  it('takes the date in UTC+8, whatever the host time zone', () => {
    expect(toIsoDate(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(toIsoDate(new Date('2025-09-30T16:00:00.000Z'))).toBe('2025-10-01');
    expect(toIsoDate(new Date('2025-10-01T08:00:00+08:00'))).toBe('2025-10-01');
    expect(toIsoDate(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
  });

  it('gives the instant a Shanghai date begins', () => {
    expect(fromIsoDate('2025-10-01').toISOString()).toBe('2025-09-30T16:00:00.000Z');
    expect(toIsoDate(fromIsoDate('2026-02-17'))).toBe('2026-02-17');
  });

  it('rejects an invalid Date', () => {
    expect(() => toIsoDate(new Date('nope'))).toThrow(/invalid Date/);
  });

  it('todayInShanghai uses the injected clock', () => {
    expect(todayInShanghai(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(isIsoDate(todayInShanghai())).toBe(true);
  });
});
