import { officialCalendarWithFallback, todayInShanghai } from '@onewindow/calendar';
import {
  createTestDatabase,
  DedicatedKafka,
  startProcess,
  stopProcess,
  TestDatabase,
  waitFor,
  waitHttp,
} from '@onewindow/testing';
import type { ChildProcess } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { GatewaySession } from './gateway-session';

// The cross-service journey of issue 3 through the real gateway, with the gateway and intake running as
// their own processes (their real main.ts), on real PostgreSQL and a Kafka broker of this test's own,
// which is stopped in the middle of the journey: every write still succeeds, and every event arrives,
// in order, once Kafka is back.
const GW_PORT = 18191;
const INTAKE_PORT = 13191;
const cal = officialCalendarWithFallback(() => undefined);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('intake through the gateway, with Kafka stopped mid-journey', () => {
  const kafka = new DedicatedKafka('e2e-intake', 59392);
  let gwDb: TestDatabase;
  let intakeDb: TestDatabase;
  let gateway: ChildProcess;
  let intake: ChildProcess;
  const gw = new GatewaySession(`http://127.0.0.1:${GW_PORT}`);

  const intakeSql = async (sql: string, params: unknown[] = []) => {
    const c = new Client({ ...intakeDb.connection, user: intakeDb.connection.username });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await kafka.start();
    [gwDb, intakeDb] = await Promise.all([createTestDatabase('e2e_gateway'), createTestDatabase('e2e_intake')]);
    gateway = startProcess('apps/gateway/src/main.ts', {
      PORT: String(GW_PORT),
      OW_PG_DATABASE: gwDb.connection.database,
      OW_UPSTREAM_INTAKE: `http://127.0.0.1:${INTAKE_PORT}`,
    });
    intake = startProcess('apps/intake/src/main.ts', {
      PORT: String(INTAKE_PORT),
      OW_PG_DATABASE: intakeDb.connection.database,
      OW_KAFKA_BROKERS: kafka.brokers.join(','),
      OW_JWKS_URL: `http://127.0.0.1:${GW_PORT}/auth/.well-known/jwks.json`,
      OW_INTAKE_CLOCK_INTERVAL_MS: '0',
    });
    await gw.ready();
    await waitHttp(`http://127.0.0.1:${INTAKE_PORT}/health/ready`, 90_000);
  }, 240_000);

  afterAll(async () => {
    if (intake) await stopProcess(intake);
    if (gateway) await stopProcess(gateway);
    await kafka.stop();
    await Promise.all([gwDb?.drop(), intakeDb?.drop()]);
  }, 120_000);

  const taskFor = (applicationId: string, reviewer: string) =>
    waitFor(
      async () =>
        ((await gw.call(reviewer, 'GET', '/api/intake/tasks')).json as any[]).find(
          (t) => t.applicationId === applicationId,
        ),
      60_000,
      200,
      'the task in the department queue',
    );

  it('apply online → correction → accept → task → claim → pause → resume → review → decide → conclude → deliver; events survive a Kafka outage', async () => {
    const today = todayInShanghai();
    const promisedDue = cal.addWorkingDays(today, 5);
    const legalDue = cal.addWorkingDays(today, 20);

    // The applicant applies online through the gateway; the request id is carried to the service.
    const submit = await gw.call(
      'citizen.zhang',
      'POST',
      '/api/intake/applications',
      {
        itemCode: 'XK-SCJG-001',
        division: '120101',
        formData: { shopName: '和平小吃店', address: '和平区南京路1号' },
        materials: [{ code: 'M02', eLicenceRef: 'EL-YYZZ-1' }],
      },
      { 'idempotency-key': 'e2e-gateway-0001', 'x-request-id': 'e2e-request-0001' },
    );
    expect(submit.status).toBe(201);
    expect(submit.headers.get('x-request-id')).toBe('e2e-request-0001');
    const id: string = submit.json.id;
    expect(submit.json.state).toBe('RECEIVED');

    // Another citizen cannot see it (404, not 403); the same key again gives the same application.
    expect((await gw.call('citizen.li', 'GET', `/api/intake/applications/${id}`)).status).toBe(404);
    const again = await gw.call(
      'citizen.zhang',
      'POST',
      '/api/intake/applications',
      { itemCode: 'XK-SCJG-001', division: '120101', formData: {}, materials: [] },
      { 'idempotency-key': 'e2e-gateway-0001' },
    );
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(id);

    // One correction notice listing every missing material; the applicant uploads and resubmits.
    const notice = await gw.call('clerk.heping', 'POST', `/api/intake/window/applications/${id}/correction-notice`, {});
    expect(notice.status).toBe(200);
    expect(notice.json.state).toBe('CORRECTION_REQUESTED');
    for (const code of ['M01', 'M03', 'M04', 'M05']) {
      expect(
        (
          await gw.call('citizen.zhang', 'POST', `/api/intake/applications/${id}/materials/${code}`, PDF, {
            'content-type': 'application/pdf',
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (await gw.call('citizen.zhang', 'POST', `/api/intake/applications/${id}/corrections`, { materials: [] })).json
        .state,
    ).toBe('RECEIVED');

    // Accepted at the Heping centre; both due dates from the day after acceptance.
    const accepted = await gw.call('clerk.heping', 'POST', `/api/intake/window/applications/${id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ state: 'ACCEPTED', clock: { acceptedOn: today, promisedDue, legalDue } });
    const task = await taskFor(id, 'reviewer.heping.scjg');
    expect(task).toMatchObject({ department: 'SCJG', division: '120101', clock: { promisedDue, legalDue } });
    // A reviewer of another district does not see it.
    expect((await gw.call('reviewer.nankai.xzsp', 'GET', `/api/intake/tasks/${task.id}`)).status).toBe(404);

    // Kafka stops. The back office goes on; every write succeeds and readiness stays up (ADR 0007).
    await kafka.stop();
    const secondSubmit = await gw.call(
      'citizen.li',
      'POST',
      '/api/intake/applications',
      {
        itemCode: 'XK-SCJG-001',
        division: '120101',
        formData: { shopName: '李记面馆' },
        materials: [{ code: 'M02', eLicenceRef: 'EL-YYZZ-9' }],
      },
      { 'idempotency-key': 'e2e-gateway-0002' },
    );
    expect(secondSubmit.status).toBe(201);
    const secondId: string = secondSubmit.json.id;
    for (const code of ['M01', 'M03', 'M04', 'M05']) {
      expect(
        (
          await gw.call('citizen.li', 'POST', `/api/intake/applications/${secondId}/materials/${code}`, PDF, {
            'content-type': 'application/pdf',
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (await gw.call('clerk.heping', 'POST', `/api/intake/window/applications/${secondId}/accept`, {})).status,
    ).toBe(200);

    expect(
      (await gw.call('reviewer.heping.scjg', 'POST', `/api/intake/tasks/${task.id}/claim`)).json.applicationState,
    ).toBe('IN_REVIEW');
    expect(
      (
        await gw.call('reviewer.heping.scjg', 'POST', `/api/intake/tasks/${task.id}/pause`, {
          procedure: 'site-inspection',
          note: '现场核查',
        })
      ).json.applicationState,
    ).toBe('PAUSED');
    expect(
      (await gw.call('reviewer.heping.scjg', 'POST', `/api/intake/tasks/${task.id}/resume`, {})).json,
    ).toMatchObject({ applicationState: 'IN_REVIEW', clock: { promisedDue, legalDue } });
    expect(
      (
        await gw.call('reviewer.heping.scjg', 'POST', `/api/intake/tasks/${task.id}/review`, {
          recommendation: 'granted',
          opinion: '材料齐全，建议准予',
        })
      ).status,
    ).toBe(200);
    const decided = await gw.call('approver.heping.scjg', 'POST', `/api/intake/tasks/${task.id}/decide`, {
      outcome: 'granted',
      reasons: '符合法定条件',
      legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
    });
    expect(decided.json).toMatchObject({ outcome: 'granted', applicationState: 'DECIDED' });
    expect((await gw.call('approver.heping.scjg', 'POST', `/api/intake/applications/${id}/conclude`)).json.state).toBe(
      'CONCLUDED',
    );
    const delivered = await gw.call('clerk.heping', 'POST', `/api/intake/window/applications/${id}/deliver`, {
      mode: 'post',
      trackingNumber: 'EMS1234567890CN',
    });
    expect(delivered.json).toMatchObject({ state: 'DELIVERED', clock: { promisedDue, legalDue } });
    const ready = await fetch(`http://127.0.0.1:${INTAKE_PORT}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).checks.kafka.ok).toBe(false);
    const [{ pending }] = await intakeSql(
      'select count(*)::int as pending from outbox_event where published_at is null',
    );
    expect(pending).toBeGreaterThan(0);

    // Kafka is back: the backlog drains and the task of the application accepted during the outage appears.
    await kafka.start();
    await waitFor(
      async () =>
        (await intakeSql('select count(*)::int as n from outbox_event where published_at is null'))[0].n === 0,
      90_000,
      250,
      'the outbox to drain',
    );
    await taskFor(secondId, 'reviewer.heping.scjg');

    // Every event of the first application is on Kafka exactly in the order it happened.
    const onKafka = await readTopic(kafka.brokers, 'intake.application.v1', id);
    const fromOutbox = (await intakeSql('select event_id from outbox_event where key = $1 order by seq', [id])).map(
      (r: { event_id: string }) => r.event_id,
    );
    expect(onKafka.map((e) => e.id)).toEqual(fromOutbox);
    expect(onKafka.map((e) => e.type.replace('intake.application.', ''))).toEqual([
      'received',
      'correction-requested',
      'corrected',
      'accepted',
      'task-assigned',
      'claimed',
      'paused',
      'resumed',
      'reviewed',
      'decided',
      'concluded',
      'delivered',
    ]);

    // The timeline through the gateway: who did what, when, with which document; the hash chain holds.
    const timeline = await gw.call('citizen.zhang', 'GET', `/api/intake/applications/${id}/timeline`);
    const decide = timeline.json.steps.find((s: any) => s.action === 'decide');
    expect(decide.actor).toMatchObject({ type: 'staff', role: 'approver', department: 'SCJG' });
    expect(decide.document.kind).toBe('decision-grant');
    expect(
      (await gw.call('citizen.zhang', 'GET', `/api/intake/applications/${id}/timeline/verify`)).json,
    ).toMatchObject({ valid: true });
  }, 300_000);

  it('an instant item is decided at the window in one request, through the gateway', async () => {
    // The city centre's clerk lacks the authority; an approver at the window decides on the spot.
    const recv = await gw.call('clerk.city', 'POST', '/api/intake/window/applications', {
      itemCode: 'GG-RS-003',
      formData: {},
      materials: [],
      applicant: { type: 'citizen', name: '王五', idNumber: '11010519491231002X' },
    });
    expect(recv.status).toBe(201);
    const denied = await gw.call(
      'clerk.city',
      'POST',
      `/api/intake/window/applications/${recv.json.id}/instant-decision`,
      { outcome: 'granted', reasons: '当场办结', legalBasis: [] },
    );
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ statusCode: 403, requestId: expect.any(String) });
  });

  it('bad input through the gateway: a clear 4xx in the platform shape, nothing written', async () => {
    const before = (await intakeSql('select count(*)::int as n from application'))[0].n;
    const noKey = await gw.call('citizen.zhang', 'POST', '/api/intake/applications', {
      itemCode: 'XK-SCJG-001',
      formData: {},
      materials: [],
    });
    expect(noKey.status).toBe(400);
    const unknown = await gw.call(
      'citizen.zhang',
      'POST',
      '/api/intake/applications',
      { itemCode: 'NO-SUCH-ITEM', division: '120101', formData: {}, materials: [] },
      { 'idempotency-key': 'e2e-bad-1' },
    );
    expect(unknown.status).toBe(404);
    const extra = await gw.call(
      'citizen.zhang',
      'POST',
      '/api/intake/applications',
      { itemCode: 'XK-SCJG-001', formData: {}, materials: [], hack: true },
      { 'idempotency-key': 'e2e-bad-2' },
    );
    expect(extra.status).toBe(400);
    expect(extra.json.details.map((d: { field: string }) => d.field)).toContain('hack');
    const malformed = await gw.call('citizen.zhang', 'POST', '/api/intake/applications', undefined, {
      'content-type': 'application/json',
      'idempotency-key': 'e2e-bad-3',
    });
    expect(malformed.status).toBe(400);
    const badToken = await fetch(`${gw.base}/api/intake/applications`, {
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(badToken.status).toBe(401);
    expect((await intakeSql('select count(*)::int as n from application'))[0].n).toBe(before);
  });
});

async function readTopic(brokers: string[], topic: string, subject: string): Promise<{ id: string; type: string }[]> {
  const k = new Kafka({ clientId: 'e2e-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = k.consumer({ groupId: `e2e-reader-${Date.now()}` });
  const seen: { id: string; type: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.key?.toString() === subject) seen.push(JSON.parse(message.value!.toString()));
    },
  });
  await waitFor(async () => seen.length >= 12, 60_000, 200, `12 events of ${subject} on ${topic}`);
  await new Promise((r) => setTimeout(r, 1000)); // anything beyond the 12 would show up as a duplicate here
  await consumer.disconnect();
  return seen;
}
