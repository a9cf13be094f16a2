import { CalendarYearMissingError, missingYearMessage } from './calendar-year-missing-error';
import { HolidayData, parseHolidayData } from './holiday-data';
import { IsoDate, fromDayNumber, toDayNumber, weekdayOfDayNumber, yearOfDayNumber } from './iso-date';
import { STATUTORY_RULES_FROM_YEAR, statutoryRestDays } from './statutory-holidays';

export interface CalendarYearMissingWarning {
  year: number;
  message: string;
}

/**
 * 'error' (default) throws CalendarYearMissingError. 'provisional' counts the year on its statutory
 * holidays and weekends (statutory-holidays.ts; the make-up working days are unknown until the notice)
 * and requires a callback: a fallback that nobody hears about is how wrong deadlines reach citizens.
 * Callers store a date counted so as provisional (provisionalYearsBetween) and correct it when the
 * notice is added (addOfficialYears).
 */
export type WorkingCalendarOptions =
  { onMissingYear?: 'error' } | { onMissingYear: 'provisional'; warn: (warning: CalendarYearMissingWarning) => void };

type DayEntry = { kind: 'off'; name: string } | { kind: 'work' };

/** Why a date is provisional, in the words shown to applicants and staff. */
export function provisionalReason(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  const list = years.join('、');
  return (
    `${list} 年国务院办公厅节假日安排通知尚未发布，期限暂按法定节假日及周末计算，通知发布后将重新核定 ` +
    `(provisional: no official holiday notice for ${years.join(', ')} yet; counted on the statutory holidays and weekends, to be recalculated when the notice is published)`
  );
}

/** How a date's standing is told in the API and the events: `provisional` and why (null when final). */
export function provisionalFieldsOf(years: readonly number[]): {
  provisional: boolean;
  provisionalReason: string | null;
} {
  return { provisional: years.length > 0, provisionalReason: provisionalReason(years) };
}

/** Years already warned about within one public call, so a long count warns once per year, not per day. */
type WarnedYears = Set<number>;

/**
 * Working days on the official Chinese calendar: a day is a working day unless it is inside an
 * 'off' range, or it is a Saturday/Sunday not listed as a make-up working day ('work').
 */
export class WorkingCalendar {
  #days = new Map<number, DayEntry>();
  #years: readonly number[] = [];
  #data: HolidayData;
  readonly #options: WorkingCalendarOptions;
  /** Statutory rest days of the years without a notice, computed once per year on first use. */
  readonly #statutory = new Map<number, Map<number, string>>();
  /**
   * Working days counted from the first day of the covered years: #cumulative[d - #first] is the number
   * of working days in [#first, d]. Every submission computes due dates and every view the days left,
   * so inside the covered years both are a subtraction and a binary search instead of a walk over each
   * day; a count that leaves the covered years walks day by day as before (and throws or warns there).
   * Empty when the covered years are not one unbroken run.
   */
  #cumulative = new Int32Array(0);
  #first = 0;

  constructor(data: HolidayData, options: WorkingCalendarOptions = {}) {
    if (options.onMissingYear === 'provisional' && typeof options.warn !== 'function') {
      throw new TypeError("onMissingYear: 'provisional' 需要 warn 回调 (requires a warn callback)");
    }
    this.#options = options;
    this.#data = parseHolidayData(data);
    this.#load(this.#data);
  }

  /**
   * Adds the years of a newly published notice (or replaces a year's entry), checked as the data file
   * is. The calendar changes in place, so every holder of it counts on the new data from the next call;
   * dates counted before stay as they were stored until the caller recomputes its provisional ones.
   * Returns the years that were not official before.
   */
  addOfficialYears(data: HolidayData): number[] {
    const merged: HolidayData = {
      source: this.#data.source,
      years: { ...this.#data.years, ...parseHolidayData(data).years },
    };
    parseHolidayData(merged); // overlaps across the old and new years are refused here, before anything changes
    const before = new Set(this.#years);
    this.#data = merged;
    this.#load(merged);
    return this.#years.filter((y) => !before.has(y));
  }

  /** The data the calendar counts on: the file's years and any added since. */
  data(): HolidayData {
    return this.#data;
  }

  #load(checked: HolidayData): void {
    this.#days = new Map();
    this.#years = Object.keys(checked.years)
      .map(Number)
      .sort((a, b) => a - b);
    for (const year of Object.values(checked.years)) {
      for (const range of year.off) {
        for (let d = toDayNumber(range.from); d <= toDayNumber(range.to); d++)
          this.#days.set(d, { kind: 'off', name: range.name });
      }
      for (const date of year.work) this.#days.set(toDayNumber(date), { kind: 'work' });
    }
    const years = this.#years;
    const unbroken = years.length > 0 && years[years.length - 1] - years[0] === years.length - 1;
    this.#first = unbroken ? toDayNumber(`${String(years[0]).padStart(4, '0')}-01-01`) : 0;
    const last = unbroken ? toDayNumber(`${String(years[years.length - 1]).padStart(4, '0')}-12-31`) : -1;
    this.#cumulative = new Int32Array(Math.max(0, last - this.#first + 1));
    for (let day = this.#first, count = 0; day <= last; day++) {
      if (this.#isWorking(day, new Set())) count++;
      this.#cumulative[day - this.#first] = count;
    }
  }

  /** Years for which the official notice is loaded, ascending. */
  coverage(): number[] {
    return [...this.#years];
  }

  isOfficialYear(year: number): boolean {
    return this.#years.includes(year);
  }

  /**
   * The years without an official notice that a count over (from, to] runs through, ascending: a date
   * reached through any of them is provisional (its make-up working days are unknown). Empty when the
   * whole range is official. Order of the arguments does not matter.
   */
  provisionalYearsBetween(from: IsoDate, to: IsoDate): number[] {
    let [a, b] = [toDayNumber(from), toDayNumber(to)];
    if (b < a) [a, b] = [b, a];
    if (a === b) return [];
    const years: number[] = [];
    for (let y = yearOfDayNumber(a + 1); y <= yearOfDayNumber(b); y++) if (!this.#years.includes(y)) years.push(y);
    return years;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.#isWorking(toDayNumber(date), new Set());
  }

  /**
   * The holiday's official name (e.g. '春节') for days inside an 'off' range; in a provisional year the
   * statutory holiday's name; undefined otherwise.
   */
  holidayName(date: IsoDate): string | undefined {
    const day = toDayNumber(date);
    const entry = this.#days.get(day);
    if (entry) return entry.kind === 'off' ? entry.name : undefined;
    const year = yearOfDayNumber(day);
    this.#requireYear(year, new Set());
    return this.#statutoryOf(year).get(day);
  }

  /**
   * The n-th working day after `start`. Periods are counted from the next day (期间开始的当日不计入,
   * 民法典第二百零一条), so the start day never counts even when it is a working day; n = 0 returns start.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    assertCount(n);
    let day = toDayNumber(start);
    const indexed = this.#indexedAdd(day, n);
    if (indexed !== undefined) return fromDayNumber(indexed);
    const warned: WarnedYears = new Set();
    for (let counted = 0; counted < n;) {
      day++;
      if (this.#isWorking(day, warned)) counted++;
    }
    return fromDayNumber(day);
  }

  /**
   * Working days in (from, to]: the inverse of addWorkingDays, so
   * workingDaysBetween(s, addWorkingDays(s, n)) === n. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const [a, b] = [toDayNumber(from), toDayNumber(to)];
    if (b < a) return -this.workingDaysBetween(to, from);
    if (this.#covers(a) && this.#covers(b))
      return this.#cumulative[b - this.#first] - this.#cumulative[a - this.#first];
    const warned: WarnedYears = new Set();
    let count = 0;
    for (let day = a + 1; day <= b; day++) if (this.#isWorking(day, warned)) count++;
    return count;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /** `date` itself if it is a working day, otherwise the first working day after it. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    const warned: WarnedYears = new Set();
    let day = toDayNumber(date);
    while (!this.#isWorking(day, warned)) day++;
    return fromDayNumber(day);
  }

  /**
   * Deadline of a period of n natural days counted from the day after `start`. When the last day is
   * a rest day or holiday, the period ends on the next working day (民法典第二百零三条). An authority's
   * own time limits under 行政许可法第八十二条 are in working days instead: use addWorkingDays for those.
   */
  addNaturalDays(start: IsoDate, n: number): IsoDate {
    assertCount(n);
    return this.workingDayOnOrAfter(fromDayNumber(toDayNumber(start) + n));
  }

  #covers(day: number): boolean {
    return day >= this.#first && day - this.#first < this.#cumulative.length;
  }

  /** The n-th working day after `start` from the index, or undefined when it lies outside it. */
  #indexedAdd(start: number, n: number): number | undefined {
    if (!this.#covers(start)) return undefined;
    if (n === 0) return start;
    const cumulative = this.#cumulative;
    const target = cumulative[start - this.#first] + n;
    if (target > cumulative[cumulative.length - 1]) return undefined;
    // The first day whose count reaches the target is the working day that made it.
    let lo = start - this.#first + 1;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.#first + lo;
  }

  #isWorking(day: number, warned: WarnedYears): boolean {
    const entry = this.#days.get(day);
    // A listed day is authoritative even if it lies across the boundary of an uncovered year.
    if (entry) return entry.kind === 'work';
    const year = yearOfDayNumber(day);
    this.#requireYear(year, warned);
    if (this.#statutoryOf(year).has(day)) return false;
    const weekday = weekdayOfDayNumber(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** A year without a notice: its statutory rest days (none before the rules this library knows). */
  #statutoryOf(year: number): Map<number, string> {
    let days = this.#statutory.get(year);
    if (!days) {
      const known = year >= STATUTORY_RULES_FROM_YEAR && year <= 2100;
      days = new Map(known ? statutoryRestDays(year).map((d) => [toDayNumber(d.date), d.name] as const) : []);
      this.#statutory.set(year, days);
    }
    return days;
  }

  #requireYear(year: number, warned: WarnedYears): void {
    if (this.#years.includes(year)) return;
    const options = this.#options;
    if (options.onMissingYear !== 'provisional') throw new CalendarYearMissingError(year, this.#years);
    if (warned.has(year)) return;
    warned.add(year);
    options.warn({
      year,
      message: `${missingYearMessage(year, this.#years)} 暂按法定节假日及周末计算，调休待通知发布 (provisional: statutory holidays and weekends; make-up working days unknown until the notice).`,
    });
  }
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`天数须为非负整数 (day count must be a non-negative integer): ${n}`);
}
