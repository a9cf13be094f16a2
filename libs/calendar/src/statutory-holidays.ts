import { LunarDay, SolarTerm } from 'tyme4ts';
import { IsoDate, fromDayNumber, toDayNumber, weekdayOfDayNumber } from './iso-date';

/*
 * The statutory public holidays of 《全国年节及纪念日放假办法》 (State Council), for a year whose
 * State Council notice is not out yet. What the law fixes is computed here; what only the notice fixes
 * (the make-up working weekends, 调休) is not guessed.
 *
 * - In force from 2025-01-01 (国务院令第 795 号, 2024 amendment): 元旦 1 day; 春节 4 days (农历除夕 and
 *   正月初一–初三); 清明节 1 day (the solar term); 劳动节 2 days (5-01, 5-02); 端午节 1 day (五月初五);
 *   中秋节 1 day (八月十五); 国庆节 3 days (10-01–10-03). 13 days.
 * - 2014–2024 (the 2013 amendment): 春节 3 days (初一–初三, no 除夕); 劳动节 1 day. 11 days.
 * - Article 6: a holiday for all citizens that falls on a Saturday or Sunday is given back on a working
 *   day (适逢星期六、星期日，应当在工作日补假). The law fixes how many days; every notice since has put
 *   them on the first weekdays after the holiday, which is where they are placed here. The count of
 *   working days across a holiday is therefore exact whatever the notice decides; only a count ending
 *   inside the holiday week can move, which is why such dates stay provisional until the notice.
 *
 * Lunar dates and the solar term come from tyme4ts (maintained, astronomical algorithms), not a table.
 */

export interface StatutoryDay {
  date: IsoDate;
  name: string;
  /** true for a day given back under Article 6 (补假) rather than the holiday's own date. */
  substitute: boolean;
}

/** The first year the 2024 amendment applies to. */
export const AMENDMENT_2024_FROM_YEAR = 2025;
/** The earliest year these rules describe (the 2013 amendment, in force from 2014). */
export const STATUTORY_RULES_FROM_YEAR = 2014;

interface OwnDay {
  date: number;
  name: string;
}

function lunarDate(year: number, month: number, day: number): number {
  const solar = LunarDay.fromYmd(year, month, day).getSolarDay();
  return toDayNumber(isoOf(solar.getYear(), solar.getMonth(), solar.getDay()));
}

function solarTermDate(year: number, name: string): number {
  const solar = SolarTerm.fromName(year, name).getJulianDay().getSolarDay();
  return toDayNumber(isoOf(solar.getYear(), solar.getMonth(), solar.getDay()));
}

function isoOf(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The holidays' own dates in one Gregorian year, in date order. */
function ownDays(year: number): OwnDay[] {
  const amended = year >= AMENDMENT_2024_FROM_YEAR;
  const newYear = lunarDate(year, 1, 1); // 正月初一 always falls between 01-21 and 02-20
  const days: OwnDay[] = [
    { date: toDayNumber(isoOf(year, 1, 1)), name: '元旦' },
    // 除夕 is the last day of the twelfth lunar month (腊月廿九 or 三十), i.e. the day before 初一.
    ...(amended ? [{ date: newYear - 1, name: '春节' }] : []),
    { date: newYear, name: '春节' },
    { date: newYear + 1, name: '春节' },
    { date: newYear + 2, name: '春节' },
    { date: solarTermDate(year, '清明'), name: '清明节' },
    { date: toDayNumber(isoOf(year, 5, 1)), name: '劳动节' },
    ...(amended ? [{ date: toDayNumber(isoOf(year, 5, 2)), name: '劳动节' }] : []),
    { date: lunarDate(year, 5, 5), name: '端午节' },
    { date: lunarDate(year, 8, 15), name: '中秋节' },
    { date: toDayNumber(isoOf(year, 10, 1)), name: '国庆节' },
    { date: toDayNumber(isoOf(year, 10, 2)), name: '国庆节' },
    { date: toDayNumber(isoOf(year, 10, 3)), name: '国庆节' },
  ];
  return days.sort((a, b) => a.date - b.date);
}

const isWeekend = (day: number): boolean => {
  const w = weekdayOfDayNumber(day);
  return w === 0 || w === 6;
};

/**
 * The statutory rest days of `year` with the law's substitutes: each holiday day that falls on a
 * weekend, or on a day another holiday already took (中秋 on 10-01, as in 2020), is given back on the
 * first weekday after it that is not already a rest day. Sorted by date.
 */
export function statutoryRestDays(year: number): StatutoryDay[] {
  if (!Number.isInteger(year) || year < STATUTORY_RULES_FROM_YEAR || year > 2100) {
    throw new RangeError(
      `法定节假日规则仅适用于 ${STATUTORY_RULES_FROM_YEAR}–2100 年 (statutory rules cover ${STATUTORY_RULES_FROM_YEAR}–2100): ${year}`,
    );
  }
  const taken = new Map<number, StatutoryDay>();
  for (const own of ownDays(year)) {
    if (!isWeekend(own.date) && !taken.has(own.date)) {
      taken.set(own.date, { date: fromDayNumber(own.date), name: own.name, substitute: false });
      continue;
    }
    let day = own.date + 1;
    while (isWeekend(day) || taken.has(day)) day++;
    taken.set(day, { date: fromDayNumber(day), name: own.name, substitute: true });
  }
  return [...taken.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
