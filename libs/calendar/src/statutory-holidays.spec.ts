import { Lunar, Solar } from 'lunar-javascript';
import { addDays, dayOfWeek } from './iso-date';
import { officialCalendar } from './official-calendar';
import { statutoryRestDays } from './statutory-holidays';

const datesOf = (year: number) => statutoryRestDays(year).map((d) => d.date);
const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('statutory holidays (全国年节及纪念日放假办法)', () => {
  it.each([2024, 2025, 2026])('are all rest days in the official notice of %i', (year) => {
    for (const day of statutoryRestDays(year)) {
      expect({ day: day.date, working: officialCalendar.isWorkingDay(day.date) }).toEqual({
        day: day.date,
        working: false,
      });
    }
  });

  it('count 11 days before the 2024 amendment and 13 from 2025 (a weekday each, substitutes included)', () => {
    expect(statutoryRestDays(2024)).toHaveLength(11);
    for (const year of [2025, 2026, 2027, 2028, 2030]) expect(statutoryRestDays(year)).toHaveLength(13);
    for (const year of [2024, 2027, 2031])
      for (const d of datesOf(year)) expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(d));
  });

  it('match the dates of the 2025 and 2026 notices that the law fixes', () => {
    // 2025: 除夕 01-28, 初一–初三 01-29..31, 清明 04-04, 劳动 05-01/02, 端午 05-31 (Sat → 06-02), 中秋 10-06, 国庆 10-01..03.
    expect(datesOf(2025)).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-04',
      '2025-05-01',
      '2025-05-02',
      '2025-06-02',
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06',
    ]);
    // 2026: 清明 04-05 is a Sunday (→ 04-06), 劳动 05-02 a Saturday (→ 05-04), 国庆 10-03 a Saturday (→ 10-05).
    expect(datesOf(2026)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
    ]);
  });

  it('place the 2027 holidays from the lunar calendar and the solar terms', () => {
    const days = statutoryRestDays(2027);
    const named = (name: string) => days.filter((d) => d.name === name).map((d) => d.date);
    expect(named('元旦')).toEqual(['2027-01-01']);
    // 初一 Saturday 02-06, 初二 Sunday: given back on Tuesday and Wednesday after 初三 (Monday 02-08).
    expect(named('春节')).toEqual(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(days.filter((d) => d.substitute).map((d) => d.date)).toEqual(
      expect.arrayContaining(['2027-02-09', '2027-02-10']),
    );
    expect(named('清明节')).toEqual(['2027-04-05']);
    // 05-01 Saturday, 05-02 Sunday: both given back, Monday and Tuesday.
    expect(named('劳动节')).toEqual(['2027-05-03', '2027-05-04']);
    expect(named('端午节')).toEqual(['2027-06-09']);
    expect(named('中秋节')).toEqual(['2027-09-15']);
    // 10-01 Friday; 10-02 and 10-03 a weekend: given back on 10-04 and 10-05.
    expect(named('国庆节')).toEqual(['2027-10-01', '2027-10-04', '2027-10-05']);
  });

  it('give a day back when two holidays share a date (中秋节 on 10-01 in 2020)', () => {
    for (let year = 2014; year <= 2030; year++) expect(new Set(datesOf(year)).size).toBe(datesOf(year).length);
    // 2020: 中秋 = 国庆 = 10-01 (Thursday), 10-03 a Saturday: four holiday days, the two left over on 10-05 and 10-06
    // (the notice gave 10-01..10-08 with two make-up weekends; the four days are its statutory core).
    expect(datesOf(2020).filter((d) => d >= '2020-10-01')).toEqual([
      '2020-10-01',
      '2020-10-02',
      '2020-10-05',
      '2020-10-06',
    ]);
  });

  it('agree with an independent lunar library (lunar-javascript) for 2025–2060', () => {
    for (let year = 2025; year <= 2060; year++) {
      const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
      const own = [
        ymd(year, 1, 1),
        addDays(newYear.toYmd(), -1),
        newYear.toYmd(),
        addDays(newYear.toYmd(), 1),
        addDays(newYear.toYmd(), 2),
        Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()['清明'].toYmd(),
        ymd(year, 5, 1),
        ymd(year, 5, 2),
        Lunar.fromYmd(year, 5, 5).getSolar().toYmd(),
        Lunar.fromYmd(year, 8, 15).getSolar().toYmd(),
        ymd(year, 10, 1),
        ymd(year, 10, 2),
        ymd(year, 10, 3),
      ];
      // Every own date on a weekday is a rest day as such; the rest are given back after it.
      const rest = new Set(datesOf(year));
      for (const d of own)
        if (![0, 6].includes(dayOfWeek(d))) expect({ year, d, rest: rest.has(d) }).toEqual({ year, d, rest: true });
      expect(rest.size).toBe(13);
    }
  });

  it('refuses years outside the rules it knows', () => {
    expect(() => statutoryRestDays(2013)).toThrow(RangeError);
    expect(() => statutoryRestDays(2101)).toThrow(RangeError);
  });
});
