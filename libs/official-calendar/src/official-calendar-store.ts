import { HolidayData, HolidayDataError, HolidayYear, parseHolidayData, WorkingCalendar } from '@onewindow/calendar';
import { runsBackgroundWork } from '@onewindow/messaging';
import { createLogger } from '@onewindow/observability';
import type { DataSource, EntityManager } from 'typeorm';
import { OfficialCalendarYearRow } from './official-calendar-year.entity';

const logger = createLogger('official-calendar');

export interface PublishedYear {
  year: number;
  days: HolidayYear;
  source: string;
  publishedBy: string;
  publishedAt: Date;
}

export interface CalendarYearView {
  year: number;
  /** 'file': the reviewed holidays-cn.json; 'published': added at run time. */
  origin: 'file' | 'published';
  source: string;
  publishedAt: string | null;
}

/** A notice for a year the calendar already has officially: a correction goes through the reviewed data file. */
export class CalendarYearAlreadyOfficialError extends Error {
  constructor(readonly year: number) {
    super(
      `${year} 年的节假日安排已是正式数据，不能重复发布 (the ${year} notice is already official; a correction goes through holidays-cn.json)`,
    );
  }
}

/** A job that recomputes the provisional dates of one kind of record (applications, steps...). */
export interface ProvisionalDateCorrection {
  name: string;
  /** Recomputes what a newly official year touches; returns how many records changed. */
  run(): Promise<number>;
}

export interface OfficialCalendarStoreOptions {
  /** How often every process looks for years published by another process (default one minute; 0: never). */
  refreshIntervalMs?: number;
  /** The advisory lock's name, so one worker of the service corrects at a time. */
  lockName: string;
}

/**
 * The official calendar a service counts on, grown at run time (issue 12 / ADR 0022): the repo's reviewed
 * holidays-cn.json, plus the years published since and kept in the service's own database. Every process
 * loads them at start and looks for new ones every minute; the service's workers then run the
 * corrections that recompute dates stored as provisional, at start (a new data file), after each year
 * that arrives, and on every tick (a date an API process counted provisionally before its own refresh).
 */
export class OfficialCalendarStore {
  private readonly fileYears: ReadonlySet<number>;
  private readonly published = new Map<number, PublishedYear>();
  private readonly corrections: ProvisionalDateCorrection[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly ds: DataSource,
    readonly calendar: WorkingCalendar,
    private readonly options: OfficialCalendarStoreOptions,
  ) {
    this.fileYears = new Set(calendar.coverage());
  }

  registerCorrection(c: ProvisionalDateCorrection): void {
    this.corrections.push(c);
  }

  /** Loads the stored years, corrects once (workers) and starts the refresh. */
  async start(): Promise<void> {
    await this.refresh();
    await this.noteYearsAlsoInTheFile();
    if (runsBackgroundWork())
      await this.correct().catch((err) => logger.error({ err }, 'provisional date correction failed at start'));
    const every = this.options.refreshIntervalMs ?? Number(process.env.OW_CALENDAR_REFRESH_MS ?? 60_000);
    if (!(every > 0)) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err) => logger.error({ err }, 'calendar refresh failed'))
        .finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    await this.refresh();
    if (runsBackgroundWork()) await this.correct();
  }

  /** Merges the years stored since this process last looked; returns those that became official here. */
  async refresh(): Promise<number[]> {
    const known = this.calendar.coverage();
    const rows = await this.ds
      .getRepository(OfficialCalendarYearRow)
      .createQueryBuilder('y')
      .where('not (y.year = any(:known))', { known })
      .orderBy('y.year')
      .getMany();
    const added: number[] = [];
    for (const row of rows) {
      try {
        added.push(
          ...this.apply({
            year: row.year,
            days: row.days,
            source: row.source,
            publishedBy: row.publishedBy,
            publishedAt: row.publishedAt,
          }),
        );
      } catch (err) {
        // A stored year that no longer fits (e.g. the file now covers a neighbour differently): skip it loudly.
        logger.error({ year: row.year, err: (err as Error).message }, 'stored calendar year refused');
      }
    }
    if (added.length) logger.info({ years: added }, 'official calendar years added');
    return added;
  }

  /** The notice as the calendar would take it, or HolidayDataError / CalendarYearAlreadyOfficialError; changes nothing. */
  check(year: number, days: HolidayYear, source: string): HolidayData {
    if (this.calendar.isOfficialYear(year)) throw new CalendarYearAlreadyOfficialError(year);
    const data: HolidayData = { source, years: { [String(year)]: days } };
    parseHolidayData(data);
    // Against the years already loaded: a range that overlaps a neighbouring year's is refused too.
    parseHolidayData({ source, years: { ...this.calendar.data().years, [String(year)]: days } });
    return data;
  }

  /** Stores a published year in the caller's transaction (with whatever event the caller writes beside it). */
  async record(m: EntityManager, y: PublishedYear): Promise<void> {
    this.check(y.year, y.days, y.source);
    await m
      .createQueryBuilder()
      .insert()
      .into(OfficialCalendarYearRow)
      .values({
        year: y.year,
        days: y.days as never,
        source: y.source,
        publishedBy: y.publishedBy,
        publishedAt: y.publishedAt,
      })
      .orIgnore()
      .execute();
  }

  /** Merges a year into this process's calendar (after its transaction committed); returns the years made official. */
  apply(y: PublishedYear): number[] {
    if (this.calendar.isOfficialYear(y.year)) return [];
    const added = this.calendar.addOfficialYears({ source: y.source, years: { [String(y.year)]: y.days } });
    this.published.set(y.year, y);
    return added;
  }

  /** Runs every correction under the service's advisory lock; returns the records changed. */
  async correct(): Promise<number> {
    if (this.corrections.length === 0) return 0;
    const lock = this.ds.createQueryRunner();
    await lock.connect();
    try {
      const [{ got }] = await lock.query('select pg_try_advisory_lock(hashtext($1)) as got', [this.options.lockName]);
      if (!got) return 0;
      try {
        let changed = 0;
        for (const c of this.corrections) changed += await c.run();
        return changed;
      } finally {
        await lock.query('select pg_advisory_unlock(hashtext($1))', [this.options.lockName]);
      }
    } finally {
      await lock.release();
    }
  }

  /** A year published at run time and since added to the reviewed file: the file wins (said once, at start). */
  private async noteYearsAlsoInTheFile(): Promise<void> {
    const years = [...this.fileYears];
    const stored = await this.ds
      .getRepository(OfficialCalendarYearRow)
      .createQueryBuilder('y')
      .where('y.year = any(:years)', { years })
      .getMany();
    for (const row of stored) {
      logger.warn(
        { year: row.year },
        'a published calendar year is also in holidays-cn.json: the reviewed file is used',
      );
    }
  }

  years(): CalendarYearView[] {
    return this.calendar.coverage().map((year) => {
      const published = this.fileYears.has(year) ? undefined : this.published.get(year);
      return published
        ? {
            year,
            origin: 'published' as const,
            source: published.source,
            publishedAt: published.publishedAt.toISOString(),
          }
        : { year, origin: 'file' as const, source: this.calendar.data().source, publishedAt: null };
    });
  }
}

export { HolidayDataError };
