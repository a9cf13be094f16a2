import { Logger } from '@nestjs/common';
import { officialCalendarWithFallback } from '@onewindow/calendar';

const log = new Logger('calendar');

/**
 * Step time limits and the one-day measure keep running in a year the holiday data does not cover yet
 * (weekends only), with an error logged every time, which is what the runbook's alert watches.
 */
export const registrationCalendar = officialCalendarWithFallback((w) => log.error({ year: w.year }, w.message));
