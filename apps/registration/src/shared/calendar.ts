import { Logger } from '@nestjs/common';
import { officialCalendarWithFallback } from '@onewindow/calendar';
import { calendarFallbackReporter } from '@onewindow/observability';

const log = new Logger('calendar');

/**
 * Step time limits and the one-day measure keep running in a year the holiday data does not cover yet:
 * such a year is counted on its statutory holidays and weekends (provisional; its make-up working days
 * are unknown until the State Council notice). A step's date counted so is stored as provisional with
 * its years (provisionalYearsBetween) and recounted once the notice arrives: the OfficialCalendarStore
 * grows this calendar in place (app.module, calendar/). Every provisional use is counted
 * (ow_calendar_fallback_total, the runbook's alert) and logged as an error once an hour per year.
 */
export const registrationCalendar = officialCalendarWithFallback(
  calendarFallbackReporter((fields, message) => log.error(fields, message)),
);
