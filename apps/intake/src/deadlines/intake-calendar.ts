import { officialCalendarWithFallback, WorkingCalendar } from '@onewindow/calendar';
import { createLogger } from '@onewindow/observability';

const logger = createLogger('intake-clock');

/**
 * The calendar intake counts deadlines on. The official data covers the years whose State Council
 * notice is out; a deadline that runs into a year without one (an acceptance in late November with a
 * 60-day gap period) must not fail the clerk's request, so the weekends-only fallback is used and
 * every use of it is logged as a warning: an operator must add next year's notice (libs/calendar README).
 */
export const intakeCalendar: WorkingCalendar = officialCalendarWithFallback(({ year, message }) => logger.warn({ year }, message));
