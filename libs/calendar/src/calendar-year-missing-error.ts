/**
 * Thrown when a date falls in a year whose State Council holiday notice is not in the data.
 * Guessing would silently produce wrong statutory deadlines, so this is the default outcome.
 */
export class CalendarYearMissingError extends Error {
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(missingYearMessage(year, coveredYears));
    this.name = 'CalendarYearMissingError';
  }
}

export function missingYearMessage(year: number, coveredYears: readonly number[]): string {
  const covered = coveredYears.length > 0 ? coveredYears.join(', ') : '无 (none)';
  return (
    `${year} 年的法定节假日安排尚未录入，无法计算工作日 (no official holiday data for ${year}; cannot count working days). ` +
    `已录入年份 (covered years): ${covered}。请在国务院办公厅通知发布后更新 libs/calendar/data/holidays-cn.json ` +
    `(add the year once the State Council notice is published).`
  );
}
