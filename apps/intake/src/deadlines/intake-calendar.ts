import { officialCalendarWithFallback, WorkingCalendar } from '@onewindow/calendar';
import { calendarFallbackReporter, createLogger } from '@onewindow/observability';

const logger = createLogger('intake-clock');

/**
 * The calendar intake counts deadlines on. The official data covers the years whose State Council
 * notice is out; a deadline that runs into a year without one (an acceptance in late November with a
 * 60-day gap period) must not fail the clerk's request, so the weekends-only fallback is used; every
 * use is counted (ow_calendar_fallback_total) and logged as a warning once an hour per year: an
 * operator must add next year's notice (runbook, libs/calendar README).
 */
export const intakeCalendar: WorkingCalendar = officialCalendarWithFallback(calendarFallbackReporter((fields, message) => logger.warn(fields, message)));
