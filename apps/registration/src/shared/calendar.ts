import { Logger } from '@nestjs/common';
import { officialCalendarWithFallback } from '@onewindow/calendar';
import { calendarFallbackReporter } from '@onewindow/observability';

const log = new Logger('calendar');

/**
 * Step time limits and the one-day measure keep running in a year the holiday data does not cover yet
 * (weekends only); every use is counted (ow_calendar_fallback_total, the runbook's alert) and logged
 * as an error once an hour per year.
 */
export const registrationCalendar = officialCalendarWithFallback(calendarFallbackReporter((fields, message) => log.error(fields, message)));
