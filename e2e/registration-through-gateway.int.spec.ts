import { validateUscc } from '@onewindow/codes';
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
import { Client } from 'pg';
import { tradeNameFor, validForm } from '../apps/registration/src/testing/form-fixture';
import { GatewaySession } from './gateway-session';

// Opening a company (企业开办, 30-registration.md) through the real gateway, with the gateway and
// registration running as their own processes (their real main.ts), on real PostgreSQL and a Kafka broker
// of this test's own. A step's mode is fixed from the service's configuration when the step is requested,
// so there are two pairs of processes, each with its own databases and its own Kafka namespace (topics and
// consumer groups) on the one broker:
// - "manual": every department step manual (OW_REG_STEP_MODES all manual). The public security
//   department's system completes the seal step through the gateway's data exchange (G7), or its staff
//   reject it for the founder to correct; the tax, social insurance and statistics staff work their queues
//   through /api/registration.
// - "auto": every department step auto, behind a second gateway (the gateway routes /api/registration to
//   one upstream): a registration completing by itself, rejected names, concurrent registrations.
const GW_PORT = 18291;
const REG_PORT = 13291;
const GW_AUTO_PORT = 18292;
const REG_AUTO_PORT = 13292;
const PASSWORD = 'OneWindow#2026';
const PURPOSE = encodeURIComponent('企业开办公章刻制备案');
// Tables the registration service writes on a submission (as registration-input.int.spec.ts counts them).
const TABLES = [
  'registration',
  'registration_step',
  'enterprise_name',
  'name_review',
  'outbox_event',
  'uscc_issued',
  'licence',
];

type Step = {
  id: string;
  registrationId: string;
  kind: string;
  department: string;
  state: string;
  mode: string | null;
  attempt: number;
  reason: string | null;
  requestedAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  data: Record<string, unknown>;
};

describe('registration through the gateway: all steps manual by the departments, all auto, names, corrections, duplicates, concurrency', () => {
  const kafka = new DedicatedKafka('e2e-registration', 59492);
  let gwDb: TestDatabase;
  let regDb: TestDatabase;
  let gwAutoDb: TestDatabase;
  let regAutoDb: TestDatabase;
  let gateway: ChildProcess;
  let registration: ChildProcess;
  let gatewayAuto: ChildProcess;
  let registrationAuto: ChildProcess;
  const gw = new GatewaySession(`http://127.0.0.1:${GW_PORT}`);
  const gwAuto = new GatewaySession(`http://127.0.0.1:${GW_AUTO_PORT}`);

  const sql = async (db: TestDatabase, text: string, params: unknown[] = []) => {
    const c = new Client({ ...db.connection, user: db.connection.username });
    await c.connect();
    try {
      return (await c.query(text, params)).rows;
    } finally {
      await c.end();
    }
  };
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(TABLES.map(async (t) => [t, (await sql(regDb, `select count(*)::int as n from ${t}`))[0].n])),
    );

  /** A department system's token (client credentials), optionally narrowed to some of its scopes. */
  const clientToken = async (clientId: string, scope?: string): Promise<string> => {
    const r = await fetch(`${gw.base}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: PASSWORD,
        ...(scope ? { scope } : {}),
      }),
    });
    const body = (await r.json()) as { access_token?: string };
    if (!r.ok || !body.access_token) throw new Error(`token ${clientId}: ${r.status} ${JSON.stringify(body)}`);
    return body.access_token;
  };
  /** A call on the data exchange as a department system. */
  const exchange = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { 'x-exchange-purpose': PURPOSE },
  ) => {
    const h: Record<string, string> = { authorization: `Bearer ${token}`, ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    const r = await fetch(`${gw.base}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as any };
  };

  beforeAll(async () => {
    [, gwDb, regDb, gwAutoDb, regAutoDb] = await Promise.all([
      kafka.start(),
      createTestDatabase('e2e_gateway_reg'),
      createTestDatabase('e2e_registration'),
      createTestDatabase('e2e_gateway_reg_auto'),
      createTestDatabase('e2e_registration_auto'),
    ]);
    const registrationEnv = (port: number, db: TestDatabase, gwPort: number, namespace: string, modes: string) => ({
      PORT: String(port),
      OW_PG_DATABASE: db.connection.database,
      OW_KAFKA_BROKERS: kafka.brokers.join(','),
      OW_KAFKA_NAMESPACE: namespace,
      OW_JWKS_URL: `http://127.0.0.1:${gwPort}/auth/.well-known/jwks.json`,
      OW_REG_STEP_MODES: modes,
      OW_REG_ESCALATION_INTERVAL_MS: '0',
    });
    gateway = startProcess('apps/gateway/src/main.ts', {
      PORT: String(GW_PORT),
      OW_PG_DATABASE: gwDb.connection.database,
      OW_UPSTREAM_REGISTRATION: `http://127.0.0.1:${REG_PORT}`,
    });
    registration = startProcess(
      'apps/registration/src/main.ts',
      registrationEnv(REG_PORT, regDb, GW_PORT, 'e2e-reg-manual', 'GA:manual,SW:manual,RS:manual,TJ:manual'),
    );
    gatewayAuto = startProcess('apps/gateway/src/main.ts', {
      PORT: String(GW_AUTO_PORT),
      OW_PG_DATABASE: gwAutoDb.connection.database,
      OW_UPSTREAM_REGISTRATION: `http://127.0.0.1:${REG_AUTO_PORT}`,
    });
    registrationAuto = startProcess(
      'apps/registration/src/main.ts',
      registrationEnv(REG_AUTO_PORT, regAutoDb, GW_AUTO_PORT, 'e2e-reg-auto', 'GA:auto,SW:auto,RS:auto,TJ:auto'),
    );
    await Promise.all([
      gw.ready(),
      gwAuto.ready(),
      waitHttp(`http://127.0.0.1:${REG_PORT}/health/ready`, 120_000),
      waitHttp(`http://127.0.0.1:${REG_AUTO_PORT}/health/ready`, 120_000),
    ]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(
      [registration, registrationAuto, gateway, gatewayAuto].map((p) => (p ? stopProcess(p) : undefined)),
    );
    await kafka.stop();
    await Promise.all([gwDb?.drop(), regDb?.drop(), gwAutoDb?.drop(), regAutoDb?.drop()]);
  }, 120_000);

  const progress = (id: string, user = 'citizen.li', session = gw) =>
    session.call(user, 'GET', `/api/registration/registrations/${id}`);
  const completed = (id: string, user = 'citizen.li', session = gw) =>
    waitFor(
      async () => {
        const r = (await progress(id, user, session)).json;
        return r.state === 'COMPLETED' ? r : undefined;
      },
      60_000,
      300,
      'registration completed',
    );
  /** A department's queue as its staff see it, through the gateway. */
  const queueOf = async (reviewer: string, dept: string): Promise<Step[]> => {
    const r = await gw.call(reviewer, 'GET', `/api/registration/steps?department=${dept}`);
    expect(r.status).toBe(200);
    return r.json;
  };
  const queuedStep = (regId: string, reviewer: string, dept: string) =>
    waitFor(
      async () => (await queueOf(reviewer, dept)).find((s) => s.registrationId === regId && s.state === 'QUEUED'),
      60_000,
      300,
      `${dept} step queued`,
    );
  /** A department's staff claim and complete their step of the registration. */
  const staffFinish = async (regId: string, reviewer: string, dept: string) => {
    const s = await queuedStep(regId, reviewer, dept);
    expect((await gw.call(reviewer, 'POST', `/api/registration/steps/${s.id}/claim`)).json.state).toBe('CLAIMED');
    const done = await gw.call(reviewer, 'POST', `/api/registration/steps/${s.id}/complete`, {
      reference: `${dept}-REF-1`,
      note: '已办结',
    });
    expect(done.status).toBe(200);
    expect(done.json.state).toBe('DONE');
    return done.json;
  };

  it('all four steps manual: submit → name → USCC → e-licence verified publicly → GA through the exchange, SW, RS, TJ by their staff → completed', async () => {
    // The founder (李四, the legal representative of the form) submits the one form.
    const form = validForm({}, '海河');
    const submit = await gw.call('citizen.li', 'POST', '/api/registration/registrations', form, {
      'idempotency-key': 'e2e-reg-0001',
      'x-request-id': 'e2e-reg-request-0001',
    });
    expect(submit.status).toBe(201);
    expect(submit.headers.get('x-request-id')).toBe('e2e-reg-request-0001');
    const id: string = submit.json.id;
    expect(submit.json).toMatchObject({ state: 'LICENSING', enterpriseName: '天津海河科技有限公司' });
    expect(submit.json.steps[0]).toMatchObject({ kind: 'name-check', department: 'SCJG', state: 'DONE' });

    // The same key again: the same registration, 200, nothing written twice. Another founder: 404.
    const again = await gw.call('citizen.li', 'POST', '/api/registration/registrations', form, {
      'idempotency-key': 'e2e-reg-0001',
    });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(id);
    // The same form without a key while the first is alive: 409 naming the first; with the key and another form: 422.
    const duplicate = await gw.call('citizen.li', 'POST', '/api/registration/registrations', form);
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.details).toMatchObject({ registrationId: id });
    expect(
      (
        await gw.call('citizen.li', 'POST', '/api/registration/registrations', validForm({}, '津滨'), {
          'idempotency-key': 'e2e-reg-0001',
        })
      ).status,
    ).toBe(422);
    expect((await sql(regDb, 'select count(*)::int as n from registration'))[0].n).toBe(1);
    expect((await progress(id, 'citizen.zhang')).status).toBe(404);

    // The saga assigns the USCC and issues the licence; all four department steps wait in their queues.
    const licensed = await waitFor(
      async () => {
        const r = (await progress(id)).json;
        return r.state === 'DEPARTMENTS' && r.steps.filter((s: Step) => s.state === 'QUEUED').length === 4
          ? r
          : undefined;
      },
      60_000,
      200,
      'licence issued and GA, SW, RS, TJ queued',
    );
    expect(validateUscc(licensed.uscc)).toEqual({ valid: true });
    expect(licensed.uscc).toMatch(/^91120101MA/);
    const validation = await gw.call(null, 'GET', `/api/registration/uscc/${licensed.uscc}/validation`);
    expect(validation.status).toBe(200);
    expect(validation.json).toMatchObject({ valid: true, parts: { division: '120101' } });

    // Anyone can fetch the e-licence and verify it through the gateway; a changed byte fails.
    const licence = await gw.call(null, 'GET', `/api/registration/licences/${licensed.licenceNumber}`);
    expect(licence.status).toBe(200);
    expect(licence.json.document).toMatchObject({
      licenceNumber: licensed.licenceNumber,
      uscc: licensed.uscc,
      name: '天津海河科技有限公司',
    });
    const { canonical, signature, kid } = licence.json;
    const verify = (body: unknown) => gw.call(null, 'POST', '/api/registration/licences/verify', body);
    expect((await verify({ canonical, signature, kid })).json).toMatchObject({
      valid: true,
      reasons: [],
      licenceNumber: licensed.licenceNumber,
    });
    const bytes = Buffer.from(canonical, 'utf8');
    bytes[bytes.indexOf(Buffer.from('100000000'))] = '9'.charCodeAt(0);
    const tampered = await verify({ canonical: bytes.toString('utf8'), signature, kid });
    expect(tampered.status).toBe(200);
    expect(tampered.json).toMatchObject({
      valid: false,
      reasons: [expect.objectContaining({ code: 'bad-signature' })],
    });

    // GA: the public security department's system, through the data exchange.
    const ga = await clientToken('ga-system');
    const noPurpose = await exchange(ga, 'GET', '/exchange/registration/steps', undefined, {});
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.json.message).toContain('x-exchange-purpose');
    expect((await exchange(ga, 'GET', '/exchange/registration/steps?department=SW')).status).toBe(403);
    const queue = await exchange(ga, 'GET', '/exchange/registration/steps?department=GA');
    expect(queue.status).toBe(200);
    expect(queue.json.map((s: Step) => s.department)).toEqual(['GA']);
    const seal = queue.json.find((s: Step) => s.registrationId === id);
    expect(seal).toMatchObject({ kind: 'seal', state: 'QUEUED', mode: 'manual', uscc: licensed.uscc });
    expect(seal.data.seal).toEqual(form.seal);
    expect(seal.data).not.toHaveProperty('tax');

    const sw = await gw.call('reviewer.sw', 'GET', '/api/registration/steps?department=SW');
    const tax = (sw.json as Step[]).find((s) => s.registrationId === id)!;
    expect(tax).toMatchObject({ kind: 'tax', state: 'QUEUED' });

    // Refused before registration is asked: a malformed id, a read-only token; another department's step is not there.
    const badId = await exchange(ga, 'POST', '/exchange/registration/steps/not-a-uuid/result', {
      outcome: 'completed',
    });
    expect(badId.status).toBe(400);
    expect(badId.json).toMatchObject({
      statusCode: 400,
      requestId: expect.any(String),
      details: [expect.objectContaining({ field: 'id' })],
    });
    const readOnly = await exchange(
      await clientToken('ga-system', 'tasks:read'),
      'POST',
      `/exchange/registration/steps/${seal.id}/result`,
      { outcome: 'completed' },
    );
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.details).toEqual({ requiredScope: 'tasks:decide' });
    expect(
      (await exchange(ga, 'POST', `/exchange/registration/steps/${tax.id}/result`, { outcome: 'completed' })).status,
    ).toBe(404);
    expect(
      (
        await exchange(ga, 'POST', `/exchange/registration/steps/${seal.id}/result`, {
          outcome: 'completed',
          department: 'SW',
        })
      ).status,
    ).toBe(403);
    expect(
      (await exchange(ga, 'POST', `/exchange/registration/steps/${seal.id}/result`, { outcome: 'rejected' })).status,
    ).toBe(400);

    const sealDone = await exchange(
      ga,
      'POST',
      `/exchange/registration/steps/${seal.id}/result`,
      { outcome: 'completed', department: 'GA', reference: 'GA-BA-2026-0001' },
      { 'x-exchange-purpose': PURPOSE, 'x-request-id': 'e2e-reg-exchange-01' },
    );
    expect(sealDone.status).toBe(200);
    expect(sealDone.json).toMatchObject({
      state: 'DONE',
      result: { reference: 'GA-BA-2026-0001', sealFilingNumber: expect.any(String), handledBy: 'system:ga-system' },
    });
    expect(
      (await exchange(ga, 'POST', `/exchange/registration/steps/${seal.id}/result`, { outcome: 'completed' })).status,
    ).toBe(409);

    // Every exchange call that passed the gateway's checks is recorded with its purpose; refused ones are not.
    const log = await sql(
      gwDb,
      'select client_id, department, method, route, path, purpose, status, request_id from exchange_access_log order by created_at',
    );
    expect(log.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 404',
      'POST 400',
      'POST 200',
      'POST 409',
    ]);
    expect(log.find((r) => r.request_id === 'e2e-reg-exchange-01')).toMatchObject({
      client_id: 'ga-system',
      department: 'GA',
      route: 'POST /exchange/registration/steps/:id/result',
      path: `/exchange/registration/steps/${seal.id}/result`,
      purpose: '企业开办公章刻制备案',
      status: 200,
    });

    // SW: the tax department's staff, through /api/registration.
    expect((await gw.call('reviewer.sw', 'POST', `/api/registration/steps/${tax.id}/claim`)).json.state).toBe(
      'CLAIMED',
    );
    const taxDone = await gw.call('reviewer.sw', 'POST', `/api/registration/steps/${tax.id}/complete`, {
      reference: 'SW-2026-88',
      note: '已办结',
    });
    expect(taxDone.status).toBe(200);
    expect(taxDone.json).toMatchObject({
      state: 'DONE',
      result: { taxpayerId: licensed.uscc, reference: 'SW-2026-88' },
    });

    // RS and TJ: their staff, each seeing its own section of the form only; nothing completes by itself.
    const [rs, tj] = await Promise.all([queuedStep(id, 'reviewer.rs', 'RS'), queuedStep(id, 'reviewer.tj', 'TJ')]);
    expect(rs).toMatchObject({ kind: 'social-insurance', mode: 'manual' });
    expect(rs.data.socialInsurance).toEqual(form.socialInsurance);
    expect(rs.data).not.toHaveProperty('seal');
    expect(tj).toMatchObject({ kind: 'statistics', mode: 'manual' });
    expect((await gw.call('reviewer.rs', 'GET', '/api/registration/steps?department=TJ')).status).toBe(403);
    expect((await gw.call('reviewer.rs', 'POST', `/api/registration/steps/${tj.id}/claim`)).status).toBe(404);
    await staffFinish(id, 'reviewer.rs', 'RS');
    expect((await progress(id)).json.state).toBe('DEPARTMENTS');
    await staffFinish(id, 'reviewer.tj', 'TJ');

    // Completed; the progress shows every step with its department, state and time.
    const done = await waitFor(
      async () => {
        const r = (await progress(id)).json;
        return r.state === 'COMPLETED' ? r : undefined;
      },
      60_000,
      200,
      'registration completed',
    );
    expect(done.steps.map((s: Step) => [s.kind, s.department, s.state, s.mode])).toEqual([
      ['name-check', 'SCJG', 'DONE', null],
      ['licence', 'SCJG', 'DONE', null],
      ['seal', 'GA', 'DONE', 'manual'],
      ['tax', 'SW', 'DONE', 'manual'],
      ['social-insurance', 'RS', 'DONE', 'manual'],
      ['statistics', 'TJ', 'DONE', 'manual'],
    ]);
    for (const s of done.steps as Step[])
      expect(Date.parse(s.completedAt!)).toBeGreaterThanOrEqual(Date.parse(done.submittedAt));
    expect(done.steps[2].completedBy).toBe('system:ga-system');
    // reviewer.sw, reviewer.rs and reviewer.tj of the demo identities
    expect(done.steps.slice(3).map((s: Step) => s.completedBy)).toEqual([
      'staff:bd17c16c-7da7-5355-a28b-573f88da41a7',
      'staff:bb91667b-be45-5a32-8343-3578936b537f',
      'staff:2a8740db-c134-54ce-a848-e9f6f41770fb',
    ]);
    expect(done.withinOneWorkingDay).toBe(true);
    expect((await progress(id, 'citizen.zhang')).status).toBe(404);
  });

  it('a seal step rejected by the public security staff goes back to the founder; only that step runs again', async () => {
    const submit = await gw.call('citizen.li', 'POST', '/api/registration/registrations', validForm({}, '渤海'));
    expect(submit.status).toBe(201);
    const id: string = submit.json.id;
    const seal = await queuedStep(id, 'reviewer.ga', 'GA');
    expect(seal).toMatchObject({ kind: 'seal', mode: 'manual', attempt: 1 });
    expect((await gw.call('reviewer.ga', 'POST', `/api/registration/steps/${seal.id}/claim`)).json.state).toBe(
      'CLAIMED',
    );
    // A correction before any rejection: refused with the step's state.
    const early = await gw.call(
      'citizen.li',
      'POST',
      `/api/registration/registrations/${id}/steps/${seal.id}/correction`,
      { seal: validForm().seal },
    );
    expect(early.status).toBe(409);
    expect(early.json.details.currentState).toBe('CLAIMED');
    const rejected = await gw.call('reviewer.ga', 'POST', `/api/registration/steps/${seal.id}/reject`, {
      reason: '刻章企业未备案，请另选刻章企业 (the engraver is not registered)',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.json.state).toBe('REJECTED');

    // The other three departments go on meanwhile.
    for (const [reviewer, dept] of [
      ['reviewer.sw', 'SW'],
      ['reviewer.rs', 'RS'],
      ['reviewer.tj', 'TJ'],
    ])
      await staffFinish(id, reviewer!, dept!);
    const asked = await waitFor(
      async () => {
        const s = ((await progress(id)).json.steps as Step[]).find((x) => x.kind === 'seal')!;
        return s.state === 'CORRECTION_REQUESTED' ? s : undefined;
      },
      60_000,
      300,
      'correction requested',
    );
    expect(asked.reason).toMatch(/engraver/);
    expect((await progress(id)).json.state).toBe('DEPARTMENTS');

    // Only the founder, and only the rejected step's section.
    const newSeal = {
      seals: ['official', 'contract'],
      engraverUscc: '91120101MA05T8K25N',
      engraverName: '天津市和平区另一刻章有限公司',
    };
    const correction = (user: string, body: unknown) =>
      gw.call(user, 'POST', `/api/registration/registrations/${id}/steps/${seal.id}/correction`, body);
    expect((await correction('citizen.zhang', { seal: newSeal })).status).toBe(404);
    expect((await correction('citizen.li', { tax: validForm().tax })).status).toBe(422);
    expect((await correction('citizen.li', { seal: { ...newSeal, engraverUscc: 'bad' } })).status).toBe(400);
    const corrected = await correction('citizen.li', { seal: newSeal });
    expect(corrected.status).toBe(200);
    expect((corrected.json.steps as Step[]).find((s) => s.kind === 'seal')).toMatchObject({
      state: 'REQUESTED',
      attempt: 2,
      reason: null,
    });

    // The seal step is queued again with the corrected section; the public security staff complete it.
    const again = await waitFor(
      async () => (await queueOf('reviewer.ga', 'GA')).find((s) => s.id === seal.id && s.state === 'QUEUED'),
      60_000,
      300,
      'seal queued again',
    );
    expect(again.attempt).toBe(2);
    expect(again.data.seal).toEqual(newSeal);
    expect((await gw.call('reviewer.ga', 'POST', `/api/registration/steps/${seal.id}/claim`)).json.state).toBe(
      'CLAIMED',
    );
    expect(
      (
        await gw.call('reviewer.ga', 'POST', `/api/registration/steps/${seal.id}/complete`, {
          reference: 'GA-BA-2026-0002',
        })
      ).json.state,
    ).toBe('DONE');
    const done = await completed(id);
    expect(done.steps.slice(2).map((s: Step) => [s.kind, s.state, s.attempt])).toEqual([
      ['seal', 'DONE', 2],
      ['tax', 'DONE', 1],
      ['social-insurance', 'DONE', 1],
      ['statistics', 'DONE', 1],
    ]);
    expect(done.steps[2].completedBy).toBe('staff:357ec581-9ecd-53e1-922e-fa23f51723b6'); // reviewer.ga of the demo identities

    // Only the seal step was requested twice; the others once each.
    const requested = await sql(
      regDb,
      `select envelope->'data'->>'kind' as kind, count(*)::int as n from outbox_event where type = 'registration.step.requested' and key = $1 group by 1 order by 1`,
      [id],
    );
    expect(requested).toEqual([
      { kind: 'seal', n: 2 },
      { kind: 'social-insurance', n: 1 },
      { kind: 'statistics', n: 1 },
      { kind: 'tax', n: 1 },
    ]);
  });

  it('all four steps auto, behind the second gateway: submit → licence → four steps on receipt → completed', async () => {
    const submit = await gwAuto.call('citizen.li', 'POST', '/api/registration/registrations', validForm({}, '海河'));
    expect(submit.status).toBe(201);
    const id: string = submit.json.id;
    const done = await completed(id, 'citizen.li', gwAuto);
    expect(validateUscc(done.uscc)).toEqual({ valid: true });
    expect(done.uscc).toMatch(/^91120101MA/);
    expect(done.steps.map((s: Step) => [s.kind, s.department, s.state, s.mode])).toEqual([
      ['name-check', 'SCJG', 'DONE', null],
      ['licence', 'SCJG', 'DONE', null],
      ['seal', 'GA', 'DONE', 'auto'],
      ['tax', 'SW', 'DONE', 'auto'],
      ['social-insurance', 'RS', 'DONE', 'auto'],
      ['statistics', 'TJ', 'DONE', 'auto'],
    ]);
    expect(done.steps.find((s: Step) => s.kind === 'tax').result).toMatchObject({
      taxpayerId: done.uscc,
      taxpayerType: 'small-scale',
    });
    expect(done.withinOneWorkingDay).toBe(true);
    // Nothing for the departments' staff to do.
    expect((await gwAuto.call('reviewer.ga', 'GET', '/api/registration/steps?department=GA')).json).toEqual([]);
    expect((await gwAuto.call(null, 'GET', `/api/registration/uscc/${done.uscc}/validation`)).json).toMatchObject({
      valid: true,
    });
  });

  it('rejected names: a forbidden word (400), an identical name (409), a similar name rejected by market regulation', async () => {
    // Relies on 天津海河科技有限公司 registered by the previous test on the auto pair.
    const forbidden = await gwAuto.call(
      'citizen.zhang',
      'POST',
      '/api/registration/registrations',
      validForm({ nameCandidates: ['天津第一科技有限公司'] }),
    );
    expect(forbidden.status).toBe(400);
    expect(forbidden.json.details[0]).toEqual({
      field: 'nameCandidates',
      problems: [expect.stringMatching(/forbidden word/)],
    });
    const taken = await gwAuto.call(
      'citizen.zhang',
      'POST',
      '/api/registration/registrations',
      validForm({ nameCandidates: ['天津海河科技有限公司', '天津市海河科技有限公司'] }),
    );
    expect(taken.status).toBe(409);
    expect(taken.json.details).toEqual([
      expect.objectContaining({ candidate: '天津海河科技有限公司', outcome: 'taken', codes: ['identical'] }),
      expect.objectContaining({ candidate: '天津市海河科技有限公司', outcome: 'taken', codes: ['identical'] }),
    ]);
    expect((await sql(regAutoDb, 'select count(*)::int as n from registration'))[0].n).toBe(1);

    // A similar name goes to a reviewer of market regulation, who rejects it: the registration ends.
    const similar = await gwAuto.call(
      'citizen.zhang',
      'POST',
      '/api/registration/registrations',
      validForm({}, '海和'),
    );
    expect(similar.status).toBe(201);
    expect(similar.json.state).toBe('NAME_REVIEW');
    expect(similar.json.steps[0]).toMatchObject({
      kind: 'name-check',
      state: 'REVIEW',
      reason: expect.stringMatching(/天津海河科技有限公司/),
    });
    expect((await gwAuto.call('reviewer.ga', 'GET', '/api/registration/name-reviews')).status).toBe(403);
    const reviews = await gwAuto.call('reviewer.scjg', 'GET', '/api/registration/name-reviews');
    expect(reviews.status).toBe(200);
    const review = (reviews.json as { id: string; registrationId: string }[]).find(
      (q) => q.registrationId === similar.json.id,
    )!;
    expect(review).toMatchObject({
      enterpriseName: '天津海和科技有限公司',
      similarNames: ['天津海河科技有限公司'],
      state: 'OPEN',
    });
    const decision = await gwAuto.call(
      'reviewer.scjg',
      'POST',
      `/api/registration/name-reviews/${review.id}/decision`,
      { decision: 'reject', reason: '与“天津海河科技有限公司”近似，易混淆 (confusingly similar)' },
    );
    expect(decision.status).toBe(200);
    expect(decision.json.state).toBe('REJECTED');
    const ended = (await progress(similar.json.id, 'citizen.zhang', gwAuto)).json;
    expect(ended.state).toBe('NAME_REJECTED');
    expect(ended.steps.map((s: Step) => s.state)).toEqual([
      'REJECTED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(
      (
        await sql(
          regAutoDb,
          `select count(*)::int as n from enterprise_name where full_name = '天津海和科技有限公司' and status <> 'released'`,
        )
      )[0].n,
    ).toBe(0);
  });

  it('concurrent registrations through the gateway all receive distinct valid USCCs', async () => {
    const n = 10;
    const founders = ['citizen.zhang', 'citizen.li'];
    for (const f of founders) await gwAuto.login(f); // tokens cached before the burst: two logins, not ten
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        gwAuto.call(founders[i % 2]!, 'POST', '/api/registration/registrations', validForm({}, tradeNameFor(500 + i)), {
          'idempotency-key': `e2e-reg-burst-${String(i).padStart(4, '0')}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(201));
    const ids = new Set(results.map((r) => r.json.id as string));
    expect(ids.size).toBe(n);

    // Each founder's list through the gateway, until all ten are completed.
    const finished = await waitFor(
      async () => {
        const lists = await Promise.all(founders.map((f) => gwAuto.call(f, 'GET', '/api/registration/registrations')));
        const mine = lists
          .flatMap((l) => l.json as { id: string; state: string; uscc: string | null; licenceNumber: string | null }[])
          .filter((r) => ids.has(r.id));
        return mine.length === n && mine.every((r) => r.state === 'COMPLETED') ? mine : undefined;
      },
      90_000,
      500,
      'all ten completed',
    );
    expect(new Set(finished.map((r) => r.uscc)).size).toBe(n);
    expect(new Set(finished.map((r) => r.licenceNumber)).size).toBe(n);
    for (const r of finished) {
      expect(validateUscc(r.uscc!)).toEqual({ valid: true });
      expect(r.uscc).toMatch(/^91120101MA/);
    }
    expect(
      (
        await sql(
          regAutoDb,
          'select count(distinct uscc)::int as n from uscc_issued where registration_id = any($1::uuid[])',
          [[...ids]],
        )
      )[0].n,
    ).toBe(n);
  });

  it('bad input through the gateway: 400 in the platform shape listing the field, nothing written', async () => {
    const before = await counts();
    const form = validForm({}, '津门');
    form.legalRepresentative.residentId = '120101199003071234'; // wrong GB 11643 check character
    const bad = await gw.call('citizen.zhang', 'POST', '/api/registration/registrations', form, {
      'idempotency-key': 'e2e-reg-bad-0001',
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      statusCode: 400,
      error: expect.any(String),
      message: expect.any(String),
      requestId: expect.any(String),
      details: expect.any(Array),
    });
    expect(bad.json.details.map((d: { field: string }) => d.field)).toContain('legalRepresentative.residentId');
    expect(await counts()).toEqual(before);
  });

  it("documents the registration exchange routes in the gateway's OpenAPI document, purpose header required", async () => {
    const doc = (await gw.call(null, 'GET', '/openapi.json')).json;
    const list = doc.paths['/exchange/registration/steps'].get;
    const result = doc.paths['/exchange/registration/steps/{id}/result'].post;
    for (const op of [list, result])
      expect(op.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'x-exchange-purpose', in: 'header', required: true })]),
      );
    expect(result.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', schema: expect.objectContaining({ format: 'uuid' }) }),
      ]),
    );
    expect(result.requestBody).toBeDefined();
  });
});
