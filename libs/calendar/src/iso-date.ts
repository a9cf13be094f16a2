/**
 * A calendar date as 'YYYY-MM-DD'. Deadlines in Chinese administrative law are whole days, so a
 * date without time or zone is the canonical value; convert to and from instants only at the edges.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * China has used a fixed UTC+8 since 1992 (it observed DST in 1986-1991 only), so a constant offset
 * is exact for every date this platform handles and avoids depending on the host's tz database.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseDayNumber(value) !== undefined;
}

/** Days since 1970-01-01; integers make day arithmetic exact and independent of the host time zone. */
export function toDayNumber(date: IsoDate): number {
  const day = parseDayNumber(date);
  if (day === undefined) {
    throw new RangeError(
      `日期无效，应为 YYYY-MM-DD 格式的真实日期 (invalid date, expected a real calendar date as YYYY-MM-DD): ${JSON.stringify(date)}`,
    );
  }
  return day;
}

export function fromDayNumber(day: number): IsoDate {
  const d = new Date(day * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`天数须为整数 (days must be an integer): ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday, like Date#getDay. */
export function dayOfWeek(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function weekdayOfDayNumber(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOfDayNumber(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The calendar date in Asia/Shanghai at the given instant. */
export function toIsoDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('无效的 Date 对象 (invalid Date)');
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** The instant at which the date begins in Asia/Shanghai (00:00 UTC+8). */
export function fromIsoDate(date: IsoDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** `now` is injectable so callers can test date-boundary behaviour without faking timers. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
  return toIsoDate(now);
}

function parseDayNumber(value: string): number | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round(d.getTime() / MS_PER_DAY);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
