import { IsoDate, isIsoDate, toDayNumber, weekdayOfDayNumber, yearOfDayNumber, fromDayNumber } from './iso-date';

/** Shape of data/holidays-cn.json: one entry per year whose State Council notice is published. */
export interface HolidayData {
  source: string;
  years: Record<string, HolidayYear>;
}

export interface HolidayYear {
  /** Days off, weekends inside the range included. */
  off: HolidayRange[];
  /** Saturdays and Sundays that are working days (调休上班). */
  work: IsoDate[];
}

export interface HolidayRange {
  name: string;
  from: IsoDate;
  to: IsoDate;
}

export class HolidayDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`节假日数据无效 (invalid holiday data):\n- ${problems.join('\n- ')}`);
    this.name = 'HolidayDataError';
  }
}

// No real holiday is longer than the 9-day 2026 Spring Festival; a longer range is a typo.
const MAX_RANGE_DAYS = 31;
// A notice may place New Year days or make-up days just across the year boundary.
const YEAR_SLACK_DAYS = 31;

/**
 * Checks everything the calendar relies on and reports every problem at once, so a hand-edited
 * file (a new year is added by hand each November) fails loudly at load time, not in a deadline.
 */
export function parseHolidayData(raw: unknown): HolidayData {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new HolidayDataError(['root must be an object']);
  if (typeof raw['source'] !== 'string' || raw['source'].trim() === '')
    problems.push('"source" must be a non-empty string citing the notices');
  const years = raw['years'];
  if (!isRecord(years) || Object.keys(years).length === 0) {
    problems.push('"years" must be a non-empty object keyed by year');
    throw new HolidayDataError(problems);
  }

  const seen = new Map<number, string>();
  const claim = (day: number, what: string): void => {
    const previous = seen.get(day);
    if (previous) problems.push(`${fromDayNumber(day)} is listed twice: ${previous} and ${what}`);
    else seen.set(day, what);
  };

  for (const [key, entry] of Object.entries(years)) {
    if (!/^\d{4}$/.test(key)) {
      problems.push(`year key "${key}" must be four digits`);
      continue;
    }
    const year = Number(key);
    if (!isRecord(entry) || !Array.isArray(entry['off']) || !Array.isArray(entry['work'])) {
      problems.push(`${key}: must have arrays "off" and "work"`);
      continue;
    }
    entry['off'].forEach((range: unknown, i: number) => {
      const where = `${key}.off[${i}]`;
      if (!isRecord(range) || typeof range['name'] !== 'string' || range['name'].trim() === '') {
        problems.push(`${where}: must have a non-empty "name"`);
        return;
      }
      const { from, to } = range;
      if (!isIsoDate(from) || !isIsoDate(to)) {
        problems.push(`${where} (${range['name']}): "from" and "to" must be real dates as YYYY-MM-DD`);
        return;
      }
      const [start, end] = [toDayNumber(from), toDayNumber(to)];
      if (end < start) return void problems.push(`${where} (${range['name']}): "to" is before "from"`);
      if (end - start + 1 > MAX_RANGE_DAYS)
        return void problems.push(`${where} (${range['name']}): longer than ${MAX_RANGE_DAYS} days`);
      if (!nearYear(start, year) || !nearYear(end, year))
        return void problems.push(`${where} (${range['name']}): outside year ${key}`);
      for (let d = start; d <= end; d++) claim(d, `${where} (${range['name']})`);
    });
    entry['work'].forEach((date: unknown, i: number) => {
      const where = `${key}.work[${i}]`;
      if (!isIsoDate(date)) return void problems.push(`${where}: must be a real date as YYYY-MM-DD`);
      const day = toDayNumber(date);
      if (!nearYear(day, year)) return void problems.push(`${where}: ${date} is outside year ${key}`);
      const weekday = weekdayOfDayNumber(day);
      if (weekday !== 0 && weekday !== 6)
        return void problems.push(`${where}: ${date} is a weekday; "work" lists only weekend days worked (调休上班)`);
      claim(day, where);
    });
  }

  if (problems.length > 0) throw new HolidayDataError(problems);
  return raw as unknown as HolidayData;
}

function nearYear(day: number, year: number): boolean {
  const y = yearOfDayNumber(day);
  if (y === year) return true;
  const boundary =
    y < year
      ? toDayNumber(`${String(year).padStart(4, '0')}-01-01`)
      : toDayNumber(`${String(year + 1).padStart(4, '0')}-01-01`);
  return Math.abs(day - boundary) <= YEAR_SLACK_DAYS;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
