import { CalendarYearPublished, createEnvelope, dlqTopic, Topics, type EventEnvelope } from '@onewindow/contracts';
import { createTopics, kafkaBrokers, principals, waitFor } from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CALENDAR_CONSUMER } from '../src/calendar/calendar.consumer';
import { RegistrationEntity } from '../src/registrations/entities/registration.entity';
import { EscalationCheckerService } from '../src/saga/escalation-checker.service';
import { SAGA_ACTOR } from '../src/shared/actor';
import { RegistrationStepEntity } from '../src/steps/entities/registration-step.entity';
import { StepTransitionService } from '../src/steps/step-transition.service';
import { validForm } from '../src/testing/form-fixture';
import { bootRegistrationTestApp, type RegistrationTestApp } from '../src/testing/registration-test-app';

type Step = {
  id: string;
  kind: string;
  department: string;
  state: string;
  registrationId: string;
  dueOn: string;
  provisional: boolean;
  provisionalReason: string | null;
  dueHistory: unknown[];
};

// 2026-12-31 10:00 in Shanghai, a Thursday: the data file's (2024–2026) last working day.
const NEW_YEARS_EVE = new Date('2026-12-31T02:00:00Z');
// A made-up 2027 notice (the real one is not out): 元旦 Friday to Monday, Saturday 01-09 worked instead.
const NOTICE_2027 = { year: 2027, off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }], work: ['2027-01-09'] };

/**
 * Issue 12 on the real Postgres and Kafka: a department step's time limit that runs into a year without
 * a State Council holiday notice is counted on its statutory holidays and shown as provisional; the notice,
 * published by intake as an event, is stored, and the open steps are recounted on it; a notice that does
 * not hold together is dead-lettered and changes nothing.
 */
describe('step due dates through a year without a holiday notice', () => {
  let t: RegistrationTestApp;
  let topic: string;
  const producer = new Kafka({
    clientId: 'calendar-test',
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  }).producer();
  const ids: Record<'GA' | 'SW' | 'RS' | 'TJ', string> = { GA: '', SW: '', RS: '', TJ: '' };
  let regId = '';

  beforeAll(async () => {
    // No refresh timer: what recounts the steps below is the consumer, right after the notice commits.
    process.env.OW_CALENDAR_REFRESH_MS = '0';
    t = await bootRegistrationTestApp('reg_provisional', {
      config: {
        stepModes: { GA: 'manual', SW: 'manual', RS: 'manual', TJ: 'manual' },
        stepLimitWorkingDays: 1,
        escalationIntervalMs: 0,
      },
    });
    topic = `${t.namespace}.${Topics.intakeCalendar}`;
    await createTopics(kafkaBrokers(), [topic, `${t.namespace}.${dlqTopic(Topics.intakeCalendar)}`]);
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await t?.close();
  });

  const staffOf = { GA: principals.gaStaff, SW: principals.swStaff, RS: principals.rsStaff, TJ: principals.tjStaff };
  /** The department's open queue (QUEUED and CLAIMED), as its staff see it. */
  const queue = async (dept: keyof typeof ids): Promise<Step[]> =>
    (await t.call('GET', `/steps?department=${dept}`, staffOf[dept])).json();
  const stepIn = (dept: keyof typeof ids, state: string) =>
    waitFor(
      async () => (await queue(dept)).find((s) => s.registrationId === regId && s.state === state),
      30_000,
      100,
      `${dept} step ${state}`,
    );
  const row = async (id: string) =>
    (
      await t.pg.query(
        `select state, to_char(due_on, 'YYYY-MM-DD') as due_on, due_provisional_years, limit_working_days, due_history, version from registration_step where id = $1`,
        [id],
      )
    ).rows[0];
  const stepView = async (dept: string): Promise<Step> =>
    (await t.call('GET', `/registrations/${regId}`, principals.founder))
      .json()
      .steps.find((s: Step) => s.department === dept);
  /** The step requested again as if on New Year's Eve (StepTransitionService with the clock injected). */
  const requestOnNewYearsEve = (stepId: string) =>
    t.app.get(DataSource).transaction(async (m) => {
      const step = await m.findOneOrFail(RegistrationStepEntity, {
        where: { id: stepId },
        lock: { mode: 'pessimistic_write' },
      });
      const reg = await m.findOneOrFail(RegistrationEntity, { where: { id: step.registrationId } });
      await t.app.get(StepTransitionService).request(m, reg, step, SAGA_ACTOR, undefined, NEW_YEARS_EVE);
    });
  /** Publishes as intake's relay does: the envelope on intake.calendar.v1 (in this test's namespace). */
  const publish = (...events: EventEnvelope[]) =>
    producer.send({
      topic,
      acks: -1,
      messages: events.map((e) => ({
        key: 'calendar',
        value: JSON.stringify(e),
        headers: { 'ow-event-type': e.type },
      })),
    });
  const notice = (data: Record<string, unknown>) =>
    createEnvelope({
      type: CalendarYearPublished.type,
      source: 'intake',
      subject: String(data.year),
      actor: { type: 'staff', id: 'u-admin' },
      data: {
        source: '国办发明电〔2026〕测试号 (made up for the test)',
        publishedBy: 'staff:u-admin',
        publishedAt: new Date().toISOString(),
        ...data,
      },
    });

  it('a step requested on 2026-12-31 is due on 2027-01-04, provisional, in the views and the event', async () => {
    const r = await t.call('POST', '/registrations', principals.founder, validForm({}, '海河'));
    expect(r.statusCode).toBe(201);
    regId = r.json().id;
    for (const dept of ['GA', 'SW', 'RS', 'TJ'] as const) ids[dept] = (await stepIn(dept, 'QUEUED')).id;
    // Requested today (2026), within the covered years: final.
    expect(await stepView('TJ')).toEqual(
      expect.objectContaining({ provisional: false, provisionalReason: null, dueHistory: [] }),
    );

    for (const dept of ['GA', 'SW', 'RS'] as const) await requestOnNewYearsEve(ids[dept]);
    // 2027-01-01 (元旦, Friday) counted as the statutory holiday, then the weekend.
    const ga = await waitFor(
      async () => (await queue('GA')).find((s) => s.id === ids.GA && s.state === 'QUEUED' && s.dueOn === '2027-01-04'),
      30_000,
      100,
      'GA requested again',
    );
    expect(ga).toEqual(
      expect.objectContaining({
        provisional: true,
        provisionalReason: expect.stringMatching(/2027 年.*尚未发布.*provisional: no official holiday notice for 2027/),
        dueHistory: [],
      }),
    );
    expect(await stepView('GA')).toEqual(
      expect.objectContaining({
        dueOn: '2027-01-04',
        provisional: true,
        provisionalReason: ga.provisionalReason,
        dueHistory: [],
      }),
    );
    expect(await row(ids.GA)).toEqual(
      expect.objectContaining({ due_on: '2027-01-04', due_provisional_years: [2027], limit_working_days: 1 }),
    );

    // The request events: the producer always says whether the date is provisional.
    const events = (
      await t.pg.query(
        `select envelope->'data' as data from outbox_event where type = 'registration.step.requested' and envelope->'data'->>'stepId' = $1 order by seq`,
        [ids.GA],
      )
    ).rows;
    expect(events.map((e) => [e.data.dueOn, e.data.provisional, e.data.provisionalReason === null])).toEqual([
      [expect.stringMatching(/^2026-/), false, true],
      ['2027-01-04', true, false],
    ]);

    // SW finishes its step (DONE keeps the date it was held to); RS is claimed and, as a step requested
    // before the limit was stored, has none (the configured one is used).
    await stepIn('SW', 'QUEUED');
    await t.call('POST', `/steps/${ids.SW}/claim`, principals.swStaff);
    expect((await t.call('POST', `/steps/${ids.SW}/complete`, principals.swStaff, {})).json().state).toBe('DONE');
    await waitFor(
      async () => (await queue('RS')).find((s) => s.id === ids.RS && s.dueOn === '2027-01-04'),
      30_000,
      100,
      'RS requested again',
    );
    expect((await t.call('POST', `/steps/${ids.RS}/claim`, principals.rsStaff)).json()).toEqual(
      expect.objectContaining({ state: 'CLAIMED', provisional: true }),
    );
    await t.pg.query('update registration_step set limit_working_days = null where id = $1', [ids.RS]);

    // Escalated past its provisional date: oversight is told the date may still move.
    expect(await t.app.get(EscalationCheckerService).run(new Date('2027-01-05T02:00:00Z'))).toBe(3);
    const [escalated] = (
      await t.pg.query(
        `select envelope->'data' as data from outbox_event where type = 'registration.step.escalated' and envelope->'data'->>'stepId' = $1`,
        [ids.GA],
      )
    ).rows;
    expect(escalated.data).toEqual(
      expect.objectContaining({ dueOn: '2027-01-04', provisional: true, provisionalReason: ga.provisionalReason }),
    );
  });

  it('a published 2027 notice is stored and the open steps recounted on it; the done step keeps its date', async () => {
    const before = { SW: await row(ids.SW), TJ: await row(ids.TJ) };
    const published = notice(NOTICE_2027);
    // A poison notice right behind it, in the same batch: its failure must not lose the good one.
    const poison = notice({
      year: 2028,
      off: [{ name: '元旦', from: '2028-01-01', to: '2028-01-01' }],
      work: ['2028-01-04'],
    });
    await publish(published, poison);

    await waitFor(async () => (await row(ids.GA)).due_on === '2027-01-05', 30_000, 100, 'GA recounted');
    const [year] = (await t.pg.query(`select year, days, source, published_by from official_calendar_year`)).rows;
    expect(year).toEqual({
      year: 2027,
      days: { off: NOTICE_2027.off, work: NOTICE_2027.work },
      source: expect.stringContaining('测试号'),
      published_by: 'staff:u-admin',
    });

    // GA (QUEUED) and RS (CLAIMED) recounted: 元旦 now runs to Monday, so Tuesday; no longer provisional.
    for (const dept of ['GA', 'RS'] as const) {
      const s = await row(ids[dept]);
      expect(s).toEqual(expect.objectContaining({ due_on: '2027-01-05', due_provisional_years: [] }));
      expect(s.due_history).toEqual([
        {
          previousDueOn: '2027-01-04',
          dueOn: '2027-01-05',
          at: expect.any(String),
          officialYears: [2027],
          reason: expect.stringMatching(/2027 年节假日安排通知已发布.*recounted/),
          attempt: 1,
        },
      ]);
    }
    const view = await stepView('GA');
    expect(view).toEqual(
      expect.objectContaining({
        dueOn: '2027-01-05',
        provisional: false,
        provisionalReason: null,
        dueHistory: [expect.objectContaining({ previousDueOn: '2027-01-04', dueOn: '2027-01-05' })],
      }),
    );
    expect((await queue('RS')).find((s) => s.id === ids.RS)).toEqual(
      expect.objectContaining({ state: 'CLAIMED', dueOn: '2027-01-05', provisional: false }),
    );

    const recalculated = (
      await t.pg.query(
        `select envelope->'data' as data from outbox_event where type = 'registration.step.due-recalculated'`,
      )
    ).rows.map((r) => r.data);
    expect(recalculated.map((d) => d.department).sort()).toEqual(['GA', 'RS']);
    expect(recalculated.find((d) => d.department === 'GA')).toEqual({
      stepId: ids.GA,
      registrationId: regId,
      department: 'GA',
      kind: 'seal',
      attempt: 1,
      previousDueOn: '2027-01-04',
      dueOn: '2027-01-05',
      provisional: false,
      provisionalReason: null,
      officialYears: [2027],
      changed: true,
    });

    // The done step and the step never provisional are untouched.
    expect(await row(ids.SW)).toEqual({
      ...before.SW,
      state: 'DONE',
      due_on: '2027-01-04',
      due_provisional_years: [2027],
      due_history: [],
    });
    expect(await row(ids.TJ)).toEqual(before.TJ);

    // Counted from now on with the notice: a step requested on New Year's Eve again is final at once.
    await requestOnNewYearsEve(ids.TJ);
    expect(await row(ids.TJ)).toEqual(expect.objectContaining({ due_on: '2027-01-05', due_provisional_years: [] }));

    // The same notice again (a new event for a year now official): skipped, nothing recounted twice.
    const again = notice(NOTICE_2027);
    await publish(again);
    await waitFor(
      async () =>
        (await t.count(`select count(*) as n from inbox_event where consumer = $1 and event_id = $2`, [
          CALENDAR_CONSUMER,
          again.id,
        ])) === 1,
      30_000,
      100,
      'repeat consumed',
    );
    expect(
      await t.count(`select count(*) as n from outbox_event where type = 'registration.step.due-recalculated'`),
    ).toBe(2);
    expect(await t.count(`select count(*) as n from dead_letter where event_id = $1::text`, [again.id])).toBe(0);
  });

  it('the API documents provisional and dueHistory on both step views', async () => {
    const { schemas } = (await t.call('GET', '/openapi.json')).json().components;
    for (const view of ['StepView', 'QueuedStepView']) {
      expect(schemas[view].properties).toEqual(
        expect.objectContaining({
          provisional: expect.objectContaining({ type: 'boolean' }),
          provisionalReason: expect.objectContaining({ nullable: true }),
          dueHistory: expect.objectContaining({ type: 'array' }),
        }),
      );
      expect(schemas[view].required).toEqual(
        expect.arrayContaining(['dueOn', 'provisional', 'provisionalReason', 'dueHistory']),
      );
    }
    expect(Object.keys(schemas.DueChangeView.properties).sort()).toEqual([
      'at',
      'attempt',
      'dueOn',
      'officialYears',
      'previousDueOn',
      'reason',
    ]);
  });

  it('a notice that does not hold together, or is malformed, lands on the dead-letter topic and stores nothing', async () => {
    const malformed = notice({ year: 'MMXXVIII', off: [], work: [] });
    await publish(malformed);
    const dlq: { value: string; reason: string; error: string }[] = [];
    const reader = new Kafka({ clientId: 'dlq-reader', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).consumer({
      groupId: `dlq-reader-${t.namespace}`,
    });
    await reader.connect();
    await reader.subscribe({ topic: `${t.namespace}.${dlqTopic(Topics.intakeCalendar)}`, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void dlq.push({
          value: message.value!.toString(),
          reason: String(message.headers!['ow-dlq-reason']),
          error: String(message.headers!['ow-dlq-error']),
        }),
    });
    try {
      await waitFor(async () => dlq.length >= 2, 30_000, 100, 'two notices on the DLQ topic');
    } finally {
      await reader.disconnect();
    }
    // The 2028 notice of the previous test: valid as an event, refused as holiday data (HolidayDataError).
    const poison = dlq.find((d) => JSON.parse(d.value).data.year === 2028)!;
    expect(poison).toEqual(
      expect.objectContaining({ reason: 'failed', error: expect.stringContaining('2028-01-04 is a weekday') }),
    );
    expect(dlq.find((d) => d.value === JSON.stringify(malformed))).toEqual(
      expect.objectContaining({ reason: 'invalid' }),
    );
    const rows = (
      await t.pg.query(`select reason, event_type from dead_letter where consumer = $1 order by reason`, [
        CALENDAR_CONSUMER,
      ])
    ).rows;
    expect(rows).toEqual([
      { reason: 'failed', event_type: CalendarYearPublished.type },
      { reason: 'invalid', event_type: null },
    ]);
    expect((await t.pg.query(`select year from official_calendar_year order by year`)).rows).toEqual([{ year: 2027 }]);
  });
});
