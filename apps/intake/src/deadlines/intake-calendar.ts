import { officialCalendarWithFallback, WorkingCalendar } from '@onewindow/calendar';
import { calendarFallbackReporter, createLogger } from '@onewindow/observability';

const logger = createLogger('intake-clock');

/**
 * The calendar intake counts deadlines on. The official data covers the years whose State Council
 * notice is out; a deadline that runs into a year without one (every acceptance from December) must not
 * fail the clerk's request, so that year is counted on its statutory holidays and the date stored as
 * provisional (ADR 0022); every use is counted (ow_calendar_fallback_total) and logged as a warning once
 * an hour per year: an operator must add next year's notice (runbook). The calendar grows in place when
 * the notice is published (OfficialCalendarStore).
 */
export const intakeCalendar: WorkingCalendar = officialCalendarWithFallback(
  calendarFallbackReporter((fields, message) => logger.warn(fields, message)),
);
