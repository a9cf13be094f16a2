import { validateUscc } from '@onewindow/codes';
import { createTestDatabase, DedicatedKafka, startProcess, stopProcess, TestDatabase, waitFor, waitHttp } from '@onewindow/testing';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { validForm } from '../apps/registration/src/testing/form-fixture';
import { GatewaySession } from './gateway-session';

// Opening a company (企业开办, 30-registration.md) through the real gateway, with the gateway and
// registration running as their own processes (their real main.ts), on real PostgreSQL and a Kafka broker
// of this test's own. The seal (GA) and tax (SW) steps are manual: the public security department's
// system completes the seal step through the gateway's data exchange (G7), the tax department's staff
// the tax step through /api/registration; social insurance and statistics run automatically.
const GW_PORT = 18291;
const REG_PORT = 13291;
const PASSWORD = 'OneWindow#2026';
const PURPOSE = encodeURIComponent('企业开办公章刻制备案');
// Tables the registration service writes on a submission (as registration-input.int.spec.ts counts them).
const TABLES = ['registration', 'registration_step', 'enterprise_name', 'name_review', 'outbox_event', 'uscc_issued', 'licence'];

type Step = { id: string; registrationId: string; kind: string; department: string; state: string; mode: string | null; requestedAt: string | null; completedAt: string | null; completedBy: string | null };

describe('registration through the gateway: one form, licence, GA by its system on the exchange, SW by its staff', () => {
  const kafka = new DedicatedKafka('e2e-registration', 59492);
  let gwDb: TestDatabase;
  let regDb: TestDatabase;
  let gateway: ChildProcess;
  let registration: ChildProcess;
  const gw = new GatewaySession(`http://127.0.0.1:${GW_PORT}`);

  const sql = async (db: TestDatabase, text: string, params: unknown[] = []) => {
    const c = new Client({ ...db.connection, user: db.connection.username });
    await c.connect();
    try {
      return (await c.query(text, params)).rows;
    } finally {
      await c.end();
    }
  };
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await sql(regDb, `select count(*)::int as n from ${t}`))[0].n])));

  /** A department system's token (client credentials), optionally narrowed to some of its scopes. */
  const clientToken = async (clientId: string, scope?: string): Promise<string> => {
    const r = await fetch(`${gw.base}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: PASSWORD, ...(scope ? { scope } : {}) }) });
    const body = (await r.json()) as { access_token?: string };
    if (!r.ok || !body.access_token) throw new Error(`token ${clientId}: ${r.status} ${JSON.stringify(body)}`);
    return body.access_token;
  };
  /** A call on the data exchange as a department system. */
  const exchange = async (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = { 'x-exchange-purpose': PURPOSE }) => {
    const h: Record<string, string> = { authorization: `Bearer ${token}`, ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    const r = await fetch(`${gw.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, json: (await r.json()) as any };
  };

  beforeAll(async () => {
    await kafka.start();
    [gwDb, regDb] = await Promise.all([createTestDatabase('e2e_gateway_reg'), createTestDatabase('e2e_registration')]);
    gateway = startProcess('apps/gateway/src/main.ts', { PORT: String(GW_PORT), OW_PG_DATABASE: gwDb.connection.database, OW_UPSTREAM_REGISTRATION: `http://127.0.0.1:${REG_PORT}` });
    registration = startProcess('apps/registration/src/main.ts', {
      PORT: String(REG_PORT), OW_PG_DATABASE: regDb.connection.database, OW_KAFKA_BROKERS: kafka.brokers.join(','),
      OW_JWKS_URL: `http://127.0.0.1:${GW_PORT}/auth/.well-known/jwks.json`,
      OW_REG_STEP_MODES: 'GA:manual,SW:manual,RS:auto,TJ:auto', OW_REG_ESCALATION_INTERVAL_MS: '0',
    });
    await gw.ready();
    await waitHttp(`http://127.0.0.1:${REG_PORT}/health/ready`, 90_000);
  }, 240_000);

  afterAll(async () => {
    if (registration) await stopProcess(registration);
    if (gateway) await stopProcess(gateway);
    await kafka.stop();
    await Promise.all([gwDb?.drop(), regDb?.drop()]);
  }, 120_000);

  const progress = (id: string, user = 'citizen.li') => gw.call(user, 'GET', `/api/registration/registrations/${id}`);

  it('submit → name → USCC → e-licence verified publicly → GA through the exchange, SW by staff → completed', async () => {
    // The founder (李四, the legal representative of the form) submits the one form.
    const form = validForm({}, '海河');
    const submit = await gw.call('citizen.li', 'POST', '/api/registration/registrations', form, { 'idempotency-key': 'e2e-reg-0001', 'x-request-id': 'e2e-reg-request-0001' });
    expect(submit.status).toBe(201);
    expect(submit.headers.get('x-request-id')).toBe('e2e-reg-request-0001');
    const id: string = submit.json.id;
    expect(submit.json).toMatchObject({ state: 'LICENSING', enterpriseName: '天津海河科技有限公司' });
    expect(submit.json.steps[0]).toMatchObject({ kind: 'name-check', department: 'SCJG', state: 'DONE' });

    // The same key again: the same registration, 200, nothing written twice. Another founder: 404.
    const again = await gw.call('citizen.li', 'POST', '/api/registration/registrations', form, { 'idempotency-key': 'e2e-reg-0001' });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(id);
    expect((await sql(regDb, 'select count(*)::int as n from registration'))[0].n).toBe(1);
    expect((await progress(id, 'citizen.zhang')).status).toBe(404);

    // The saga assigns the USCC and issues the licence; GA and SW wait in their queues.
    const licensed = await waitFor(async () => {
      const r = (await progress(id)).json;
      return r.state === 'DEPARTMENTS' && r.steps.filter((s: Step) => s.state === 'QUEUED').length === 2 ? r : undefined;
    }, 60_000, 200, 'licence issued and GA, SW queued');
    expect(validateUscc(licensed.uscc)).toEqual({ valid: true });
    expect(licensed.uscc).toMatch(/^91120101MA/);
    const validation = await gw.call(null, 'GET', `/api/registration/uscc/${licensed.uscc}/validation`);
    expect(validation.status).toBe(200);
    expect(validation.json).toMatchObject({ valid: true, parts: { division: '120101' } });

    // Anyone can fetch the e-licence and verify it through the gateway; a changed byte fails.
    const licence = await gw.call(null, 'GET', `/api/registration/licences/${licensed.licenceNumber}`);
    expect(licence.status).toBe(200);
    expect(licence.json.document).toMatchObject({ licenceNumber: licensed.licenceNumber, uscc: licensed.uscc, name: '天津海河科技有限公司' });
    const { canonical, signature, kid } = licence.json;
    const verify = (body: unknown) => gw.call(null, 'POST', '/api/registration/licences/verify', body);
    expect((await verify({ canonical, signature, kid })).json).toMatchObject({ valid: true, reasons: [], licenceNumber: licensed.licenceNumber });
    const bytes = Buffer.from(canonical, 'utf8');
    bytes[bytes.indexOf(Buffer.from('100000000'))] = '9'.charCodeAt(0);
    const tampered = await verify({ canonical: bytes.toString('utf8'), signature, kid });
    expect(tampered.status).toBe(200);
    expect(tampered.json).toMatchObject({ valid: false, reasons: [expect.objectContaining({ code: 'bad-signature' })] });

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
    const badId = await exchange(ga, 'POST', '/exchange/registration/steps/not-a-uuid/result', { outcome: 'completed' });
    expect(badId.status).toBe(400);
    expect(badId.json).toMatchObject({ statusCode: 400, requestId: expect.any(String), details: [expect.objectContaining({ field: 'id' })] });
    const readOnly = await exchange(await clientToken('ga-system', 'tasks:read'), 'POST', `/exchange/registration/steps/${seal.id}/result`, { outcome: 'completed' });
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.details).toEqual({ requiredScope: 'tasks:decide' });
    expect((await exchange(ga, 'POST', `/exchange/registration/steps/${tax.id}/result`, { outcome: 'completed' })).status).toBe(404);
    expect((await exchange(ga, 'POST', `/exchange/registration/steps/${seal.id}/result`, { outcome: 'completed', department: 'SW' })).status).toBe(403);
    expect((await exchange(ga, 'POST', `/exchange/registration/steps/${seal.id}/result`, { outcome: 'rejected' })).status).toBe(400);

    const sealDone = await exchange(ga, 'POST', `/exchange/registration/steps/${seal.id}/result`, { outcome: 'completed', department: 'GA', reference: 'GA-BA-2026-0001' }, { 'x-exchange-purpose': PURPOSE, 'x-request-id': 'e2e-reg-exchange-01' });
    expect(sealDone.status).toBe(200);
    expect(sealDone.json).toMatchObject({ state: 'DONE', result: { reference: 'GA-BA-2026-0001', sealFilingNumber: expect.any(String), handledBy: 'system:ga-system' } });
    expect((await exchange(ga, 'POST', `/exchange/registration/steps/${seal.id}/result`, { outcome: 'completed' })).status).toBe(409);

    // Every exchange call that passed the gateway's checks is recorded with its purpose; refused ones are not.
    const log = await sql(gwDb, 'select client_id, department, method, route, path, purpose, status, request_id from exchange_access_log order by created_at');
    expect(log.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 404', 'POST 400', 'POST 200', 'POST 409']);
    expect(log.find((r) => r.request_id === 'e2e-reg-exchange-01')).toMatchObject({
      client_id: 'ga-system', department: 'GA', route: 'POST /exchange/registration/steps/:id/result', path: `/exchange/registration/steps/${seal.id}/result`, purpose: '企业开办公章刻制备案', status: 200,
    });

    // SW: the tax department's staff, through /api/registration.
    expect((await gw.call('reviewer.sw', 'POST', `/api/registration/steps/${tax.id}/claim`)).json.state).toBe('CLAIMED');
    const taxDone = await gw.call('reviewer.sw', 'POST', `/api/registration/steps/${tax.id}/complete`, { reference: 'SW-2026-88', note: '已办结' });
    expect(taxDone.status).toBe(200);
    expect(taxDone.json).toMatchObject({ state: 'DONE', result: { taxpayerId: licensed.uscc, reference: 'SW-2026-88' } });

    // Completed; the progress shows every step with its department, state and time.
    const done = await waitFor(async () => {
      const r = (await progress(id)).json;
      return r.state === 'COMPLETED' ? r : undefined;
    }, 60_000, 200, 'registration completed');
    expect(done.steps.map((s: Step) => [s.kind, s.department, s.state, s.mode])).toEqual([
      ['name-check', 'SCJG', 'DONE', null],
      ['licence', 'SCJG', 'DONE', null],
      ['seal', 'GA', 'DONE', 'manual'],
      ['tax', 'SW', 'DONE', 'manual'],
      ['social-insurance', 'RS', 'DONE', 'auto'],
      ['statistics', 'TJ', 'DONE', 'auto'],
    ]);
    for (const s of done.steps as Step[]) expect(Date.parse(s.completedAt!)).toBeGreaterThanOrEqual(Date.parse(done.submittedAt));
    expect(done.steps[2].completedBy).toBe('system:ga-system');
    expect(done.steps[3].completedBy).toBe('staff:bd17c16c-7da7-5355-a28b-573f88da41a7'); // reviewer.sw of the demo identities
    expect(done.withinOneWorkingDay).toBe(true);
    expect((await progress(id, 'citizen.zhang')).status).toBe(404);
  });

  it('bad input through the gateway: 400 in the platform shape listing the field, nothing written', async () => {
    const before = await counts();
    const form = validForm({}, '津门');
    form.legalRepresentative.residentId = '120101199003071234'; // wrong GB 11643 check character
    const bad = await gw.call('citizen.zhang', 'POST', '/api/registration/registrations', form, { 'idempotency-key': 'e2e-reg-bad-0001' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ statusCode: 400, error: expect.any(String), message: expect.any(String), requestId: expect.any(String), details: expect.any(Array) });
    expect(bad.json.details.map((d: { field: string }) => d.field)).toContain('legalRepresentative.residentId');
    expect(await counts()).toEqual(before);
  });

  it('documents the registration exchange routes in the gateway\'s OpenAPI document, purpose header required', async () => {
    const doc = (await gw.call(null, 'GET', '/openapi.json')).json;
    const list = doc.paths['/exchange/registration/steps'].get;
    const result = doc.paths['/exchange/registration/steps/{id}/result'].post;
    for (const op of [list, result]) expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'x-exchange-purpose', in: 'header', required: true })]));
    expect(result.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', schema: expect.objectContaining({ format: 'uuid' }) })]));
    expect(result.requestBody).toBeDefined();
  });
});
