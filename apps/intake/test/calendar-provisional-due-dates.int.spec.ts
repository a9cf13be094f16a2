import {
  addDays,
  dayOfWeek,
  HolidayData,
  officialCalendar,
  officialCalendarWithFallback,
  WorkingCalendar,
} from '@onewindow/calendar';
import { principals, waitFor } from '@onewindow/testing';
import { bootIntakeTestApp, IntakeTestApp, RESIDENT_ID } from '../src/applications/testing/intake-test-app';
import { DueDateCorrectionService } from '../src/calendar/due-date-correction.service';

/*
 * Issue 12 end to end on the real Postgres and Kafka: an application accepted on 12-04 of the last year
 * with an official notice gets a legal due date in the next year, counted on that year's statutory
 * holidays and stored, shown, evented and printed as provisional; an administrator then publishes a
 * fabricated notice for that year, and the open application's dates are recounted on it with a timeline
 * step and an event, while a decided one keeps what it had.
 *
 * Only Date is faked (to that 12-04), so the service's "today" is fixed whatever day the suite runs;
 * timers, Kafka and Postgres run on real time.
 */
const LAST = Math.max(...officialCalendar.coverage());
const NEXT = LAST + 1;
const ACCEPTED_ON = `${LAST}-12-04`;
const admin = principals.platformAdmin;

/** A fabricated notice: New Year's Day and the four days after it off, the first Saturday after them worked. */
function fabricatedNotice(): { source: string; off: { name: string; from: string; to: string }[]; work: string[] } {
  let saturday = `${NEXT}-01-06`;
  while (dayOfWeek(saturday) !== 6) saturday = addDays(saturday, 1);
  return {
    source: `测试用通知 (fabricated notice for ${NEXT}, test only)`,
    off: [{ name: '元旦', from: `${NEXT}-01-01`, to: `${NEXT}-01-05` }],
    work: [saturday],
  };
}

describe('due dates through a year without a holiday notice (real Postgres + Kafka)', () => {
  let t: IntakeTestApp;
  beforeAll(async () => {
    jest.useFakeTimers({
      now: new Date(`${ACCEPTED_ON}T02:00:00Z`),
      advanceTimers: true,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    t = await bootIntakeTestApp('provisional');
  });
  afterAll(async () => {
    await t?.close();
    jest.useRealTimers();
  });

  async function acceptedAtHeping(): Promise<any> {
    const materials = ['M01', 'M02', 'M03', 'M04', 'M05'].map((code) => ({ code, paper: true }));
    const received = await t.call(principals.hepingClerk, 'POST', '/window/applications', {
      itemCode: 'XK-SCJG-001',
      formData: {},
      materials,
      applicant: { type: 'citizen', name: '赵六', idNumber: RESIDENT_ID, phone: '13812345678', userId: 'u-zhaoliu' },
    });
    expect(received.statusCode).toBe(201);
    const accepted = await t.call(
      principals.hepingClerk,
      'POST',
      `/window/applications/${received.json().id}/accept`,
      {},
    );
    expect(accepted.statusCode).toBe(200);
    return accepted.json();
  }

  const events = async (id: string, type: string) =>
    (
      await t.ds.query(`select envelope from outbox_event where key = $1 and type = $2 order by seq`, [
        id,
        `intake.application.${type}`,
      ])
    ).map((r: any) => r.envelope.data);
  const steps = async (id: string) =>
    (await t.call(principals.hepingClerk, 'GET', `/applications/${id}/timeline`)).json().steps as any[];

  it('marks them provisional, recounts the open ones when the notice is published, and leaves decided ones alone', async () => {
    const provisionalCalendar = officialCalendarWithFallback(() => undefined);
    const expected = {
      promisedDue: provisionalCalendar.addWorkingDays(ACCEPTED_ON, 5),
      legalDue: provisionalCalendar.addWorkingDays(ACCEPTED_ON, 20),
    };
    expect(expected.legalDue.startsWith(`${NEXT}-`)).toBe(true);

    // 1. Accepted on 12-04: the legal date runs into NEXT, counted on its statutory holidays (01-01 off).
    const open = await acceptedAtHeping();
    expect(open.clock).toMatchObject({
      acceptedOn: ACCEPTED_ON,
      ...expected,
      provisional: true,
      provisionalYears: [NEXT],
    });
    expect(open.clock.provisionalReason).toContain(`${NEXT} 年国务院办公厅节假日安排通知尚未发布`);
    expect(provisionalCalendar.isWorkingDay(`${NEXT}-01-01`)).toBe(false);
    const [acceptedEvent] = await events(open.id, 'accepted');
    expect(acceptedEvent).toMatchObject({ ...expected, provisional: true });
    expect(acceptedEvent.provisionalReason).toContain(`${NEXT}`);
    const [notice] = await t.ds.query(`select id from document where application_id = $1 and kind = 'acceptance'`, [
      open.id,
    ]);
    const printed = await t.call(principals.hepingClerk, 'GET', `/documents/${notice.id}/html`);
    expect(printed.statusCode).toBe(200);
    expect(printed.body).toContain(`${NEXT}年`);
    expect(printed.body).toContain('（暂定）');

    // 2. Another accepted the same day goes through review to a decision.
    const decided = await acceptedAtHeping();
    const task = await waitFor(
      async () =>
        ((await t.call(principals.hepingScjgReviewer, 'GET', '/tasks')).json() as any[]).find(
          (x) => x.applicationId === decided.id,
        ),
      30_000,
      100,
      'the task',
    );
    expect(task.clock).toMatchObject({ legalDue: expected.legalDue, provisional: true });
    expect((await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/claim`)).statusCode).toBe(200);
    expect(
      (
        await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/review`, {
          recommendation: 'granted',
          opinion: '符合条件',
        })
      ).statusCode,
    ).toBe(200);
    const decision = await t.call(principals.hepingScjgApprover, 'POST', `/tasks/${task.id}/decide`, {
      outcome: 'granted',
      reasons: '符合法定条件',
      legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
    });
    expect(decision.statusCode).toBe(200);

    // 3. Bad notices change nothing: a weekday listed as worked (400 with the problem), a non-admin (403).
    const notice2 = fabricatedNotice();
    let weekday = `${NEXT}-01-12`;
    while ([0, 6].includes(dayOfWeek(weekday))) weekday = addDays(weekday, 1);
    const bad = await t.call(admin, 'PUT', `/calendar/years/${NEXT}`, { ...notice2, work: [weekday] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().details)).toContain('is a weekday');
    const invalidShape = await t.call(admin, 'PUT', `/calendar/years/${NEXT}`, {
      source: 'x',
      off: [{ name: '元旦', from: 'soon', to: `${NEXT}-01-01` }],
      work: 'none',
    });
    expect(invalidShape.statusCode).toBe(400);
    expect(invalidShape.json().details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['source', 'work']),
    );
    for (const year of ['MMXXVII', '1999', '2101']) {
      const notAYear = await t.call(admin, 'PUT', `/calendar/years/${year}`, notice2);
      expect({ year, status: notAYear.statusCode }).toEqual({ year, status: 400 });
    }
    expect((await t.call(principals.hepingClerk, 'PUT', `/calendar/years/${NEXT}`, notice2)).statusCode).toBe(403);
    expect((await t.ds.query('select count(*)::int as n from official_calendar_year'))[0].n).toBe(0);
    expect((await t.call(principals.hepingClerk, 'GET', `/applications/${open.id}`)).json().clock.provisional).toBe(
      true,
    );

    // 4. The administrator publishes the notice: stored, evented for the other services, counted on at once.
    const published = await t.call(admin, 'PUT', `/calendar/years/${NEXT}`, notice2);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ year: NEXT, publishedBy: admin.sub });
    const [yearEvent] = (
      await t.ds.query(`select envelope from outbox_event where type = 'intake.calendar.year-published'`)
    ).map((r: any) => r.envelope.data);
    expect(yearEvent).toMatchObject({ year: NEXT, off: notice2.off, work: notice2.work, source: notice2.source });
    const calendarView = (await t.call(null, 'GET', '/calendar')).json();
    expect(calendarView.official).toContainEqual(
      expect.objectContaining({ year: NEXT, origin: 'published', source: notice2.source }),
    );
    expect((await t.call(admin, 'PUT', `/calendar/years/${NEXT}`, notice2)).statusCode).toBe(409);

    // 5. The open application is recounted on the notice: a timeline step with old and new dates, an event.
    const official = new WorkingCalendar({
      source: 'test',
      years: { ...officialCalendar.data().years, [String(NEXT)]: { off: notice2.off, work: notice2.work } },
    } as HolidayData);
    const recounted = {
      promisedDue: official.addWorkingDays(ACCEPTED_ON, 5),
      legalDue: official.addWorkingDays(ACCEPTED_ON, 20),
    };
    expect(recounted.legalDue > expected.legalDue).toBe(true); // 01-04 and 01-05 are off in the notice
    const step = await waitFor(
      async () => (await steps(open.id)).find((s) => s.action === 'recalculate-due-dates'),
      30_000,
      100,
      'the recalculation step',
    );
    expect(step.actor).toMatchObject({ type: 'system' });
    expect(step.detail).toMatchObject({
      officialYears: [NEXT],
      previous: expected,
      ...recounted,
      provisional: false,
      changed: true,
    });
    expect(step.note).toContain(`${expected.legalDue} → ${recounted.legalDue}`);
    const after = (await t.call(principals.hepingClerk, 'GET', `/applications/${open.id}`)).json();
    expect(after.clock).toMatchObject({
      ...recounted,
      provisional: false,
      provisionalReason: null,
      provisionalYears: [],
    });
    const [recalculated] = await events(open.id, 'due-dates-recalculated');
    expect(recalculated).toMatchObject({
      officialYears: [NEXT],
      previous: expected,
      ...recounted,
      provisional: false,
      changed: true,
      state: 'ACCEPTED',
    });
    expect(
      (await t.call(principals.hepingClerk, 'GET', `/applications/${open.id}/timeline/verify`)).json(),
    ).toMatchObject({ valid: true });

    // 6. The decided application keeps its dates, provisional as they were when it was decided; no step, no event.
    const decidedAfter = (await t.call(principals.hepingClerk, 'GET', `/applications/${decided.id}`)).json();
    expect(decidedAfter.state).toBe('DECIDED');
    expect(decidedAfter.clock).toMatchObject({ ...expected, provisionalYears: [NEXT] });
    expect((await steps(decided.id)).some((s) => s.action === 'recalculate-due-dates')).toBe(false);
    expect(await events(decided.id, 'due-dates-recalculated')).toEqual([]);

    // 7. A second pass finds nothing left to do.
    expect(await t.app.get(DueDateCorrectionService).run()).toBe(0);
  });
});
