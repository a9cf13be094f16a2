import holidaysCn from '../data/holidays-cn.json';
import { parseHolidayData } from './holiday-data';
import { CalendarYearMissingWarning, WorkingCalendar } from './working-calendar';

/** The official calendar from the repo's copy of the State Council notices, with the default 'error' policy. */
export const officialCalendar = new WorkingCalendar(parseHolidayData(holidaysCn));

/** For services that must keep running past the data's last year; `warn` must reach an alert, not /dev/null. */
export function officialCalendarWithFallback(warn: (warning: CalendarYearMissingWarning) => void): WorkingCalendar {
  return new WorkingCalendar(parseHolidayData(holidaysCn), { onMissingYear: 'warn', warn });
}
