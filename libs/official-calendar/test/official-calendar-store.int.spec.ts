import { officialCalendarWithFallback, type HolidayYear } from '@onewindow/calendar';
import { createServiceDataSource, runMigrations } from '@onewindow/persistence';
import { createTestDatabase, TestDatabase } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import {
  CalendarYearAlreadyOfficialError,
  HolidayDataError,
  OfficialCalendarStore,
  officialCalendarEntities,
  officialCalendarMigrations,
} from '../src';

/*
 * The store on the real Postgres: two processes of one service (two stores on one database), one
 * publishing a notice, the other picking it up on refresh; a restart loading what was stored; the
 * corrections run by a worker at start and after a year arrives, one process at a time.
 */
const notice: HolidayYear = { off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], work: ['2027-01-09'] };

describe('OfficialCalendarStore (real Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const stores: OfficialCalendarStore[] = [];
  const storeOf = (lockName = 'test-calendar') => {
    const s = new OfficialCalendarStore(
      ds,
      officialCalendarWithFallback(() => undefined),
      { lockName, refreshIntervalMs: 0 },
    );
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    db = await createTestDatabase('official_calendar');
    ds = await createServiceDataSource({
      database: db.connection.database,
      connection: db.connection,
      entities: officialCalendarEntities,
      migrations: officialCalendarMigrations,
      poolSize: 4,
    }).initialize();
    await runMigrations(ds);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.stop()));
    await ds?.destroy();
    await db?.drop();
  });

  it('refuses a bad notice and an official year before anything is stored', async () => {
    const store = storeOf();
    expect(() => store.check(2027, { off: [], work: ['2027-01-06'] }, 'x')).toThrow(HolidayDataError); // a Wednesday "worked"
    expect(() => store.check(2026, notice, 'x')).toThrow(CalendarYearAlreadyOfficialError);
    await expect(
      ds.transaction((m) =>
        store.record(m, {
          year: 2027,
          days: { off: [], work: ['2027-01-06'] },
          source: 'x',
          publishedBy: 'a',
          publishedAt: new Date(),
        }),
      ),
    ).rejects.toThrow(HolidayDataError);
    expect(await ds.query('select count(*)::int as n from official_calendar_year')).toEqual([{ n: 0 }]);
  });

  it('a year published by one process reaches the others on refresh, and a restarted one at start, which corrects once', async () => {
    const publisher = storeOf();
    const other = storeOf();
    const corrections: string[] = [];
    other.registerCorrection({
      name: 'count',
      run: async () => {
        corrections.push(other.calendar.coverage().join(','));
        return 0;
      },
    });
    await other.start();
    expect(corrections).toEqual(['2024,2025,2026']);
    expect(other.calendar.isOfficialYear(2027)).toBe(false);
    expect(other.calendar.isWorkingDay('2027-01-09')).toBe(false); // a Saturday, the notice not known yet

    const year = {
      year: 2027,
      days: notice,
      source: '测试通知 (test notice)',
      publishedBy: 'admin-1',
      publishedAt: new Date(),
    };
    await ds.transaction((m) => publisher.record(m, year));
    expect(publisher.apply(year)).toEqual([2027]);
    expect(await other.refresh()).toEqual([2027]);
    expect(other.calendar.isWorkingDay('2027-01-09')).toBe(true);
    expect(other.years()).toContainEqual({
      year: 2027,
      origin: 'published',
      source: '测试通知 (test notice)',
      publishedAt: year.publishedAt.toISOString(),
    });
    expect(await other.refresh()).toEqual([]);
    expect(await other.correct()).toBe(0);
    expect(corrections).toEqual(['2024,2025,2026', '2024,2025,2026,2027']);

    const restarted = storeOf();
    await restarted.start();
    expect(restarted.calendar.coverage()).toEqual([2024, 2025, 2026, 2027]);
    // Storing the same year again changes nothing (a redelivered event).
    await ds.transaction((m) =>
      publisher
        .record(m, { ...year, source: 'again' })
        .catch((e) => expect(e).toBeInstanceOf(CalendarYearAlreadyOfficialError)),
    );
    expect(await ds.query('select year, source from official_calendar_year')).toEqual([
      { year: 2027, source: '测试通知 (test notice)' },
    ]);
  });

  it('runs the corrections in one process at a time (advisory lock)', async () => {
    const a = storeOf('one-at-a-time');
    const b = storeOf('one-at-a-time');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    a.registerCorrection({ name: 'slow', run: async () => (await gate, 1) });
    b.registerCorrection({ name: 'slow', run: async () => 1 });
    const first = a.correct();
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.correct()).toBe(0); // a holds the lock
    release();
    expect(await first).toBe(1);
    expect(await b.correct()).toBe(1);
  });
});
