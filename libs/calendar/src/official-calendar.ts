import holidaysCn from '../data/holidays-cn.json';
import { parseHolidayData } from './holiday-data';
import { CalendarYearMissingWarning, WorkingCalendar } from './working-calendar';

/** The official calendar from the repo's copy of the State Council notices, with the default 'error' policy. */
export const officialCalendar = new WorkingCalendar(parseHolidayData(holidaysCn));

/**
 * For services that must keep running past the data's last year: years without a notice are counted on
 * their statutory holidays (provisional); `warn` must reach an alert, not /dev/null. Each call returns a
 * calendar of its own, which the service grows with addOfficialYears when a notice is added.
 */
export function officialCalendarWithFallback(warn: (warning: CalendarYearMissingWarning) => void): WorkingCalendar {
  return new WorkingCalendar(parseHolidayData(holidaysCn), { onMissingYear: 'provisional', warn });
}
