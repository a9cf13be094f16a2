import { validateUscc } from '@onewindow/codes';
import { createKafka } from '@onewindow/messaging';
import { principals, waitFor } from '@onewindow/testing';
import { defaultAdapters } from '../src/steps/department-adapters';
import { validForm } from '../src/testing/form-fixture';
import { bootRegistrationTestApp, type RegistrationTestApp } from '../src/testing/registration-test-app';

/** A registration with every department step `auto`: submit → licence → four steps in parallel → completed, on real Postgres and Kafka. */
describe('registration with all steps auto (R1–R7, R9)', () => {
  let t: RegistrationTestApp;

  beforeAll(async () => {
    t = await bootRegistrationTestApp('reg_auto', {
      config: {
        stepModes: { GA: 'auto', SW: 'auto', RS: 'auto', TJ: 'auto' },
        stepLimitWorkingDays: 1,
        escalationIntervalMs: 0,
      },
      // The statistics department's system fails every time for one enterprise (a department outage).
      adapters: {
        TJ: {
          async process(payload, attempt) {
            if (payload.enterprise.name.includes('失灵'))
              throw new Error('统计局系统不可用 (statistics system unavailable)');
            return defaultAdapters.TJ.process(payload, attempt);
          },
        },
      },
    });
  });
  afterAll(() => t?.close());

  const progress = async (id: string) => (await t.call('GET', `/registrations/${id}`, principals.founder)).json();

  it('completes end to end, every step with its department, state and time', async () => {
    const form = validForm({ businessScope: '技术开发；餐饮服务；户外广告设计' }, '海河');
    const submitted = await t.call('POST', '/registrations', principals.founder, form);
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id;
    expect(submitted.json()).toEqual(
      expect.objectContaining({
        state: 'LICENSING',
        enterpriseName: '天津海河科技有限公司',
        enterpriseType: '有限责任公司',
        uscc: null,
      }),
    );

    const done = await waitFor(
      async () => {
        const r = await progress(id);
        return r.state === 'COMPLETED' ? r : undefined;
      },
      60_000,
      200,
      'registration completed',
    );
    expect(validateUscc(done.uscc)).toEqual({ valid: true });
    expect(done.uscc).toMatch(/^91120101MA/);
    expect(done.licenceNumber).toMatch(/^120101\d{8}YZ000001$/);
    expect(done.withinOneWorkingDay).toBe(true);
    expect(done.workingDaysTaken).toBe(0);
    expect(
      done.steps.map((s: { kind: string; department: string; state: string; mode: string | null }) => [
        s.kind,
        s.department,
        s.state,
        s.mode,
      ]),
    ).toEqual([
      ['name-check', 'SCJG', 'DONE', null],
      ['licence', 'SCJG', 'DONE', null],
      ['seal', 'GA', 'DONE', 'auto'],
      ['tax', 'SW', 'DONE', 'auto'],
      ['social-insurance', 'RS', 'DONE', 'auto'],
      ['statistics', 'TJ', 'DONE', 'auto'],
    ]);
    for (const s of done.steps) expect(s.completedAt).toEqual(expect.any(String));
    expect(done.steps.find((s: { kind: string }) => s.kind === 'tax').result).toEqual(
      expect.objectContaining({ taxpayerId: done.uscc, taxpayerType: 'small-scale' }),
    );

    // Every request and result went through Kafka exactly once per step (outbox → inbox).
    const events = await t.pg.query(`select type, count(*)::int as n from outbox_event group by type order by type`);
    expect(Object.fromEntries(events.rows.map((r) => [r.type, r.n]))).toEqual({
      'registration.enterprise.submitted': 1,
      'registration.enterprise.name-approved': 1,
      'registration.enterprise.licence-issued': 1,
      'registration.step.requested': 4,
      'registration.step.completed': 4,
      'registration.enterprise.completed': 1,
    });
    expect(await t.count(`select count(*)::int n from inbox_event where consumer = 'registration-departments'`)).toBe(
      4,
    );
    await waitFor(
      async () => (await t.count(`select count(*)::int n from outbox_event where published_at is null`)) === 0,
      10_000,
      100,
      'outbox drained',
    );

    // R9: the follow-up permits the scope needs, linked to intake's catalogue.
    const permits = await t.call('GET', `/registrations/${id}/follow-up-permits`, principals.founder);
    expect(
      permits.json().permits.map((p: { itemCode: string; catalogueUrl: string }) => [p.itemCode, p.catalogueUrl]),
    ).toEqual([
      ['XK-SCJG-001', '/api/intake/catalogue/items/XK-SCJG-001'],
      ['XK-CG-001', '/api/intake/catalogue/items/XK-CG-001'],
    ]);
    const [completedEvent] = (
      await t.pg.query(`select envelope from outbox_event where type = 'registration.enterprise.completed'`)
    ).rows;
    expect(completedEvent.envelope.data.followUpPermits).toEqual(['XK-SCJG-001', 'XK-CG-001']);
  });

  it('issues an e-licence anyone can read and verify; a changed byte fails (R4)', async () => {
    const id = (await t.call('POST', '/registrations', principals.otherFounder, validForm({}, '津门'))).json().id;
    const done = await waitFor(
      async () =>
        (await t.call('GET', `/registrations/${id}`, principals.otherFounder)).json().licenceNumber as string | null,
      60_000,
      200,
      'licence',
    );
    const licence = await t.call('GET', `/licences/${done}`);
    expect(licence.statusCode).toBe(200);
    const signed = licence.json();
    expect(signed.document).toEqual(
      expect.objectContaining({
        licenceNumber: done,
        name: '天津津门科技有限公司',
        legalRepresentative: '李四',
        registeredCapitalFen: 100_000_000,
        enterpriseType: '有限责任公司',
      }),
    );
    expect(signed.document.authority).toEqual({
      code: 'XZSP-120101',
      name: '天津市和平区行政审批局',
      division: '120101',
    });

    const keys = (await t.call('GET', '/licences/.well-known/keys')).json().keys;
    expect(keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: signed.kid })]);
    expect(keys[0]).not.toHaveProperty('d');

    const verify = (body: unknown) =>
      t.call('POST', '/licences/verify', undefined, body).then((r) => ({ status: r.statusCode, body: r.json() }));
    expect(await verify({ document: signed.document, signature: signed.signature })).toEqual({
      status: 200,
      body: expect.objectContaining({ valid: true, reasons: [], licenceNumber: done, kid: signed.kid }),
    });
    expect(
      (await verify({ canonical: signed.canonical, signature: signed.signature, kid: signed.kid })).body.valid,
    ).toBe(true);

    // One changed byte of the signed text: invalid, with the reason.
    const bytes = Buffer.from(signed.canonical, 'utf8');
    const at = bytes.indexOf(Buffer.from('100000000'));
    bytes[at] = '9'.charCodeAt(0);
    const tampered = await verify({ canonical: bytes.toString('utf8'), signature: signed.signature, kid: signed.kid });
    expect(tampered.body).toEqual(
      expect.objectContaining({ valid: false, reasons: [expect.objectContaining({ code: 'bad-signature' })] }),
    );
    // A changed field of the document, or of the signature.
    expect(
      (
        await verify({
          document: { ...signed.document, name: '天津津门科技股份有限公司' },
          signature: signed.signature,
        })
      ).body.valid,
    ).toBe(false);
    const sig = Buffer.from(signed.signature, 'base64url');
    sig[0] = sig[0]! ^ 1;
    expect(
      (await verify({ document: signed.document, signature: sig.toString('base64url') })).body.reasons[0].code,
    ).toBe('bad-signature');
    expect(
      (await verify({ document: signed.document, signature: signed.signature, kid: 'nope' })).body.reasons[0].code,
    ).toBe('unknown-key');
    expect((await verify({ signature: signed.signature })).status).toBe(400);
    expect((await t.call('GET', '/licences/12010120261123YZ999999')).statusCode).toBe(404);
    expect((await t.call('GET', '/licences/not-a-number')).statusCode).toBe(400);
  });

  it('validates any USCC publicly and explains what is wrong', async () => {
    const ok = await t.call('GET', '/uscc/91120101MA05T8K25N/validation');
    expect(ok.json()).toEqual(
      expect.objectContaining({
        valid: true,
        parts: expect.objectContaining({
          authority: '9',
          entityType: '1',
          division: '120101',
          divisionName: '天津市和平区行政审批局',
        }),
      }),
    );
    const bad = (await t.call('GET', '/uscc/91120101MA05T8K25O/validation')).json();
    expect(bad.valid).toBe(false);
    expect(bad.reasons.map((r: { code: string }) => r.code)).toEqual(['charset']);
    const check = (await t.call('GET', '/uscc/91120101MA05T8K25M/validation')).json();
    expect(check.reasons.map((r: { code: string }) => r.code)).toEqual(['check-char']);
    expect(check.reasons[0].message).toMatch(/check character/);
  });

  it('a department step that fails repeatedly lands in the dead-letter topic; the rest goes on', async () => {
    const founder = { type: 'citizen' as const, sub: 'u-founder-dlq', name: '赵六' };
    const id = (await t.call('POST', '/registrations', founder, validForm({}, '失灵'))).json().id;
    const dead = await waitFor(
      async () =>
        (await t.pg.query(`select consumer, event_type, reason, attempts, error, key from dead_letter`)).rows[0],
      60_000,
      200,
      'dead letter',
    );
    expect(dead).toEqual(
      expect.objectContaining({
        consumer: 'registration-departments',
        event_type: 'registration.step.requested',
        reason: 'failed',
        attempts: 3,
        key: id,
        error: expect.stringMatching(/statistics system unavailable/),
      }),
    );
    const r = await waitFor(
      async () => {
        const p = (await t.call('GET', `/registrations/${id}`, founder)).json();
        return p.steps.filter((s: { state: string }) => s.state === 'DONE').length === 5 ? p : undefined;
      },
      30_000,
      200,
      'the other steps done',
    );
    expect(r.state).toBe('DEPARTMENTS');
    expect(r.steps.map((s: { kind: string; state: string }) => `${s.kind}:${s.state}`)).toEqual([
      'name-check:DONE',
      'licence:DONE',
      'seal:DONE',
      'tax:DONE',
      'social-insurance:DONE',
      'statistics:REQUESTED',
    ]);

    // The copy on the dead-letter topic, for oversight and operators.
    const kafka = createKafka('reg-dlq-reader');
    const consumer = kafka.consumer({ groupId: `${t.namespace}.dlq-reader` });
    const seen: { key: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${t.namespace}.registration.step.v1.dlq`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          key: message.key!.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
      },
    });
    try {
      await waitFor(async () => seen.length > 0, 30_000, 100, 'dlq message');
      expect(seen[0]).toEqual({
        key: id,
        headers: expect.objectContaining({ 'ow-dlq-reason': 'failed', 'ow-dlq-consumer': 'registration-departments' }),
      });
    } finally {
      await consumer.disconnect();
    }
  });

  it('publishes an OpenAPI document complete enough for a schema-driven fuzzer, and health', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json();
    const ops = Object.entries(
      doc.paths as Record<
        string,
        Record<string, { requestBody?: unknown; parameters?: { name: string; in: string; schema?: unknown }[] }>
      >,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(ops.map((o) => o.route)).toEqual(
      expect.arrayContaining([
        'POST /registrations',
        'GET /registrations',
        'GET /registrations/report/one-day',
        'GET /registrations/{id}',
        'GET /registrations/{id}/follow-up-permits',
        'POST /registrations/{id}/withdraw',
        'POST /registrations/{id}/steps/{stepId}/correction',
        'GET /name-reviews',
        'POST /name-reviews/{id}/decision',
        'GET /uscc/{code}/validation',
        'GET /licences/.well-known/keys',
        'GET /licences/{number}',
        'POST /licences/verify',
        'GET /shared/enterprises/{uscc}',
        'GET /shared/licences/{number}',
        'GET /steps',
        'POST /steps/{id}/claim',
        'POST /steps/{id}/complete',
        'POST /steps/{id}/reject',
        'GET /department/steps',
        'POST /department/steps/{id}/result',
      ]),
    );
    for (const { route, op } of ops) {
      if (/^(POST|PUT|PATCH) /.test(route) && !/claim$|\/admin\//.test(route))
        expect({ route, body: Boolean(op.requestBody) }).toEqual({ route, body: true });
      for (const param of op.parameters ?? [])
        expect({ route, param: param.name, schema: Boolean(param.schema) }).toEqual({
          route,
          param: param.name,
          schema: true,
        });
    }
    const form = doc.components.schemas.RegistrationFormDto;
    expect(form.required).toEqual(
      expect.arrayContaining([
        'authorityDivision',
        'nameCandidates',
        'registeredCapitalFen',
        'businessScope',
        'domicile',
        'legalRepresentative',
        'shareholders',
        'seal',
        'tax',
        'socialInsurance',
        'statistics',
      ]),
    );
    expect((await t.call('GET', '/health/ready')).statusCode).toBe(200);
    expect((await t.call('GET', '/metrics')).statusCode).toBe(200);
  });
});
