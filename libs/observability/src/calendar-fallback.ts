import { Counter } from 'prom-client';
import { metricsRegistry } from './metrics';

export const calendarFallbackCounter = new Counter({
  name: 'ow_calendar_fallback_total',
  help: 'Working-day counts that ran into a year without official holiday data and counted it on its statutory holidays (provisional)',
  labelNames: ['year'] as const,
  registers: [metricsRegistry],
});

export interface CalendarFallbackReporterOptions {
  /** At most one log line per year per interval; default one hour. */
  intervalMs?: number;
  /** The clock, for tests. */
  now?: () => number;
  counter?: Counter<'year'>;
}

/**
 * The callback for a working calendar's provisional fallback (`officialCalendarWithFallback`).
 * Every use is counted in `ow_calendar_fallback_total{year}` (the runbook's alert), but logged at most
 * once per year per interval with how many uses it stands for: from early December every acceptance's
 * legal due date runs into next year, and a line per submission would bury the log at a thousand a
 * second without telling the operator anything the first line did not.
 */
export function calendarFallbackReporter(
  log: (fields: { year: number; uses: number }, message: string) => void,
  options: CalendarFallbackReporterOptions = {},
): (warning: { year: number; message: string }) => void {
  const intervalMs = options.intervalMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  const counter = options.counter ?? calendarFallbackCounter;
  const years = new Map<number, { loggedAt: number; uses: number }>();
  return ({ year, message }) => {
    counter.inc({ year: String(year) });
    const seen = years.get(year);
    if (seen && now() - seen.loggedAt < intervalMs) {
      seen.uses++;
      return;
    }
    // The line stands for this use and those swallowed since the previous line.
    log({ year, uses: (seen?.uses ?? 0) + 1 }, message);
    years.set(year, { loggedAt: now(), uses: 0 });
  };
}
