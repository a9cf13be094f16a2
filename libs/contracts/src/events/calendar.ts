import { z } from 'zod';
import { isoDate, isoInstant } from '../formats';
import { defineEvent, EventContract } from '../registry';
import { Topics } from '../topics';

/*
 * The official holiday calendar at run time (ADR 0022). An administrator publishes a year of the State
 * Council notice in intake; every service that counts working days consumes it, stores it in its own
 * database and recomputes the dates it stored as provisional for that year.
 */

/** Whether a stored due date was counted through a year without an official notice, and why. */
export const provisionalFields = {
  /** true: counted on the statutory holidays of a year whose notice is not out; recalculated when it is. */
  provisional: z.boolean().optional(),
  provisionalReason: z.string().max(1000).nullable().optional(),
};

const holidayRange = z.object({ name: z.string().min(1).max(64), from: isoDate, to: isoDate }).strict();

export const CalendarYearPublished = defineEvent({
  type: 'intake.calendar.year-published',
  topic: Topics.intakeCalendar,
  description: '节假日安排发布: a year of the State Council holiday notice added by an administrator',
  schema: z
    .object({
      year: z.number().int().min(1900).max(2200),
      /** The year's entry in the holidays-cn.json shape: days off (weekends inside included), weekend days worked. */
      off: z.array(holidayRange).max(40),
      work: z.array(isoDate).max(40),
      source: z.string().min(1).max(500),
      publishedBy: z.string().min(1).max(128),
      publishedAt: isoInstant,
    })
    .strict(),
});

export const calendarContracts: EventContract<any>[] = [CalendarYearPublished];
