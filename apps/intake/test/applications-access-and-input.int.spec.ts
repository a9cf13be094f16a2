import { Principal } from '@onewindow/auth';
import { principals, waitFor } from '@onewindow/testing';
import { bootIntakeTestApp, IntakeTestApp, PDF, RESIDENT_ID } from '../src/applications/testing/intake-test-app';

/** S1/S2 authorisation, bad input, F6 concurrency and S8 tamper detection, on the real stack. */
describe('applications: authorisation, bad input, concurrency, tamper evidence', () => {
  let t: IntakeTestApp;
  beforeAll(async () => {
    t = await bootIntakeTestApp('app_access');
  });
  afterAll(async () => t?.close());

  let n = 0;
  const key = () => `key-${Date.now()}-${++n}`;
  async function online(p: Principal = principals.citizen, body: Record<string, unknown> = {}) {
    const res = await t.call(
      p,
      'POST',
      '/applications',
      { itemCode: 'XK-SCJG-001', division: '120101', formData: { a: 1 }, materials: [], ...body },
      { 'idempotency-key': key() },
    );
    expect(res.statusCode).toBe(201);
    return res.json();
  }
  async function atHeping(materialsComplete = true) {
    const materials = materialsComplete
      ? ['M01', 'M02', 'M03', 'M04', 'M05'].map((code) => ({ code, paper: true }))
      : [];
    const res = await t.call(principals.hepingClerk, 'POST', '/window/applications', {
      itemCode: 'XK-SCJG-001',
      formData: {},
      materials,
      applicant: { type: 'citizen', name: '赵六', idNumber: RESIDENT_ID, phone: '13812345678', userId: 'u-zhaoliu' },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  }
  const count = async (table: string) => Number((await t.ds.query(`select count(*)::int as n from ${table}`))[0].n);

  describe('S1/S2 authorisation', () => {
    it("an applicant sees only their own: another's id is 404, and lists hold only their own", async () => {
      const mine = await online(principals.citizen);
      expect((await t.call(principals.citizen, 'GET', `/applications/${mine.id}`)).statusCode).toBe(200);
      for (const url of [
        `/applications/${mine.id}`,
        `/applications/${mine.id}/timeline`,
        `/applications/${mine.id}/timeline/verify`,
      ]) {
        const res = await t.call(principals.otherCitizen, 'GET', url);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
      expect(
        (await t.call(principals.otherCitizen, 'POST', `/applications/${mine.id}/withdraw`, { reason: 'x' }))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await t.call(principals.otherCitizen, 'POST', `/applications/${mine.id}/materials/M01`, PDF, {
            'content-type': 'application/pdf',
          })
        ).statusCode,
      ).toBe(404);
      expect((await t.call(principals.enterprise, 'GET', `/applications/${mine.id}`)).statusCode).toBe(404);
      const list = (await t.call(principals.otherCitizen, 'GET', '/applications')).json();
      expect(list.find((a: any) => a.id === mine.id)).toBeUndefined();
      expect((await t.call(principals.citizen, 'GET', '/applications')).json().map((a: any) => a.id)).toContain(
        mine.id,
      );
      expect(
        (await t.call(principals.citizen, 'GET', '/applications/00000000-0000-4000-8000-000000000000')).statusCode,
      ).toBe(404);
    });

    it("a clerk sees and acts only on their centre's applications; district staff only their district", async () => {
      const app = await atHeping();
      expect((await t.call(principals.hepingClerk2, 'GET', `/applications/${app.id}`)).statusCode).toBe(200); // same centre
      expect((await t.call(principals.nankaiClerk, 'GET', `/applications/${app.id}`)).statusCode).toBe(404);
      expect(
        (await t.call(principals.nankaiClerk, 'POST', `/window/applications/${app.id}/accept`, {})).statusCode,
      ).toBe(404);
      expect((await t.call(principals.cityClerk, 'POST', `/window/applications/${app.id}/accept`, {})).statusCode).toBe(
        404,
      ); // another centre, even at city level
      expect((await t.call(principals.streetClerk, 'GET', `/applications/${app.id}`)).statusCode).toBe(404);
      expect(
        (await t.call(principals.nankaiClerk, 'GET', '/window/applications')).json().find((a: any) => a.id === app.id),
      ).toBeUndefined();
      expect(
        (await t.call(principals.hepingClerk, 'GET', '/window/applications')).json().map((a: any) => a.id),
      ).toContain(app.id);
      // An online application to Heping is the Heping centre's to decide on, not Nankai's.
      const onlineApp = await online();
      expect(
        (await t.call(principals.hepingClerk, 'GET', `/window/applications/${onlineApp.id}/material-check`)).statusCode,
      ).toBe(200);
      expect(
        (await t.call(principals.nankaiClerk, 'GET', `/window/applications/${onlineApp.id}/material-check`)).statusCode,
      ).toBe(404);
    });

    it('S6: personal data unmasked for the deciding department, masked for clerks', async () => {
      const app = await atHeping();
      const clerkView = (await t.call(principals.hepingClerk, 'GET', `/applications/${app.id}`)).json();
      expect(clerkView.applicant).toMatchObject({ idNumber: '120101********1235', phone: '138****5678' });
      const deptView = (await t.call(principals.hepingScjgReviewer, 'GET', `/applications/${app.id}`)).json();
      expect(deptView.applicant).toMatchObject({ idNumber: RESIDENT_ID, phone: '13812345678' });
      expect((await t.call(principals.nankaiScjgReviewer, 'GET', `/applications/${app.id}`)).statusCode).toBe(404);
    });

    it("a reviewer of another department or district cannot see or decide the task (404); a system only its department's", async () => {
      const app = await atHeping();
      await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/accept`, {});
      const task = await waitFor(
        async () =>
          (await t.call(principals.hepingScjgReviewer, 'GET', '/tasks'))
            .json()
            .find((x: any) => x.applicationId === app.id),
        30_000,
      );
      const decision = { outcome: 'granted', reasons: 'ok', legalBasis: [] };
      expect((await t.call(principals.wjReviewer, 'POST', `/tasks/${task.id}/decide`, decision)).statusCode).toBe(404);
      expect((await t.call(principals.wjReviewer, 'POST', `/tasks/${task.id}/claim`)).statusCode).toBe(404);
      expect((await t.call(principals.nankaiScjgReviewer, 'POST', `/tasks/${task.id}/claim`)).statusCode).toBe(404);
      expect(
        (await t.call(principals.jtSystem, 'POST', '/department/decisions', { taskId: task.id, ...decision }))
          .statusCode,
      ).toBe(404);
      expect(
        (await t.call(principals.jtSystem, 'GET', '/department/tasks')).json().find((x: any) => x.id === task.id),
      ).toBeUndefined();
      expect((await t.call(principals.scjgSystem, 'GET', '/department/tasks')).json().map((x: any) => x.id)).toContain(
        task.id,
      );
      // Decide before claim: the application is not in review yet.
      const early = await t.call(principals.hepingScjgApprover, 'POST', `/tasks/${task.id}/decide`, decision);
      expect(early.statusCode).toBe(409);
    });

    it('an applicant cannot call clerk, reviewer or department routes (403); staff cannot apply online (403)', async () => {
      const app = await online();
      const calls: [string, string, unknown?][] = [
        [
          'POST',
          '/window/applications',
          {
            itemCode: 'XK-SCJG-001',
            formData: {},
            materials: [],
            applicant: { type: 'citizen', name: 'x', idNumber: RESIDENT_ID },
          },
        ],
        ['GET', '/window/applications'],
        ['POST', `/window/applications/${app.id}/accept`, {}],
        ['POST', `/window/applications/${app.id}/reject`, { reason: 'x' }],
        ['GET', '/tasks'],
        ['POST', `/tasks/${app.id}/decide`, { outcome: 'granted', reasons: 'x', legalBasis: [] }],
        ['GET', '/department/tasks'],
        ['POST', `/applications/${app.id}/conclude`],
      ];
      for (const [method, url, body] of calls) {
        const res = await t.call(principals.citizen, method as 'GET' | 'POST', url, body);
        expect([url, res.statusCode]).toEqual([url, 403]);
      }
      expect(
        (
          await t.call(
            principals.hepingClerk,
            'POST',
            '/applications',
            { itemCode: 'XK-SCJG-001', formData: {}, materials: [] },
            { 'idempotency-key': key() },
          )
        ).statusCode,
      ).toBe(403);
      expect((await t.call(principals.hepingClerk, 'GET', '/tasks')).statusCode).toBe(403); // a clerk is not a reviewer
      expect(
        (await t.call(principals.hepingScjgReviewer, 'POST', `/window/applications/${app.id}/accept`, {})).statusCode,
      ).toBe(403);
      expect((await t.call(null, 'GET', '/applications')).statusCode).toBe(401);
    });

    it('extension needs an approver and stays within 10 working days in total', async () => {
      const app = await atHeping();
      await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/accept`, {});
      const task = await waitFor(
        async () =>
          (await t.call(principals.hepingScjgReviewer, 'GET', '/tasks'))
            .json()
            .find((x: any) => x.applicationId === app.id),
        30_000,
      );
      await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/claim`);
      expect(
        (
          await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/extend`, {
            days: 5,
            reason: '需专家论证',
          })
        ).statusCode,
      ).toBe(403);
      const ok = await t.call(principals.hepingScjgApprover, 'POST', `/tasks/${task.id}/extend`, {
        days: 6,
        reason: '需专家论证',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().clock).toMatchObject({ extensionDays: 6, extensionReason: '需专家论证' });
      expect(ok.json().clock.legalDue > task.clock.legalDue).toBe(true);
      expect(ok.json().clock.promisedDue).toBe(task.clock.promisedDue);
      expect(
        (await t.call(principals.hepingScjgApprover, 'POST', `/tasks/${task.id}/extend`, { days: 5, reason: 'again' }))
          .statusCode,
      ).toBe(422);
      expect(
        (await t.call(principals.hepingScjgApprover, 'POST', `/tasks/${task.id}/extend`, { days: 11, reason: 'x' }))
          .statusCode,
      ).toBe(400);
      // The applicant sees the extension and its reason.
      expect(
        (await t.call({ type: 'citizen', sub: 'u-zhaoliu', name: '赵六' }, 'GET', `/applications/${app.id}`)).json()
          .clock,
      ).toMatchObject({ extensionDays: 6, extensionReason: '需专家论证' });
      // A special procedure the item does not have: 422.
      expect(
        (await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/pause`, { procedure: 'hearing' }))
          .statusCode,
      ).toBe(422);
    });
  });

  describe('bad input', () => {
    it('unknown item 404, withdrawn item 409, not online-able 422, not receivable at this centre 422', async () => {
      const body = (itemCode: string) => ({ itemCode, formData: {}, materials: [], division: '120101' });
      const unknown = await t.call(principals.citizen, 'POST', '/applications', body('XK-NOPE-999'), {
        'idempotency-key': key(),
      });
      expect(unknown.statusCode).toBe(404);
      const withdrawn = await t.call(principals.citizen, 'POST', '/applications', body('GG-SW-001'), {
        'idempotency-key': key(),
      });
      expect(withdrawn.statusCode).toBe(409);
      expect(
        (await t.call(principals.citizen, 'POST', '/applications', body('QT-GA-003'), { 'idempotency-key': key() }))
          .statusCode,
      ).toBe(422);
      const street = await t.call(principals.streetClerk, 'POST', '/window/applications', {
        itemCode: 'XK-YJ-001',
        formData: {},
        materials: [],
        applicant: { type: 'citizen', name: 'x', idNumber: RESIDENT_ID },
      });
      expect(street.statusCode).toBe(422);
      expect(street.json().message).toBe('该事项不能在本中心受理 (item not receivable at this centre)');
      const noDistrict = await t.call(
        principals.citizen,
        'POST',
        '/applications',
        { itemCode: 'XK-SCJG-001', formData: {}, materials: [] },
        { 'idempotency-key': key() },
      );
      expect(noDistrict.statusCode).toBe(422);
      const badMaterial = await t.call(
        principals.citizen,
        'POST',
        '/applications',
        { ...body('XK-SCJG-001'), materials: [{ code: 'M99', eLicenceRef: 'x' }] },
        { 'idempotency-key': key() },
      );
      expect(badMaterial.statusCode).toBe(422);
    });

    it('Idempotency-Key: missing 400; repeated → the same application, 200, one row', async () => {
      const before = await count('application');
      const missing = await t.call(principals.citizen, 'POST', '/applications', {
        itemCode: 'XK-SCJG-001',
        division: '120101',
        formData: {},
        materials: [],
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().message).toContain('Idempotency-Key');
      expect(await count('application')).toBe(before);
      const k = key();
      const body = { itemCode: 'XK-SCJG-001', division: '120101', formData: { x: 1 }, materials: [] };
      const first = await t.call(principals.citizen, 'POST', '/applications', body, { 'idempotency-key': k });
      const [second, third] = await Promise.all([
        t.call(principals.citizen, 'POST', '/applications', body, { 'idempotency-key': k }),
        t.call(principals.citizen, 'POST', '/applications', body, { 'idempotency-key': k }),
      ]);
      expect(first.statusCode).toBe(201);
      expect([second.statusCode, third.statusCode]).toEqual([200, 200]);
      expect(second.json().id).toBe(first.json().id);
      expect(third.json().number).toBe(first.json().number);
      expect(await count('application')).toBe(before + 1);
      expect(
        Number(
          (
            await t.ds.query('select count(*)::int as n from application_step where application_id = $1', [
              first.json().id,
            ])
          )[0].n,
        ),
      ).toBe(1);
      // Two first submissions with one key at the same moment (two statements at once, or one group
      // commit that fails on the key and is retried one by one): one application, both answers name it.
      const k2 = key();
      const [a, b] = await Promise.all(
        [1, 2].map(() => t.call(principals.citizen, 'POST', '/applications', body, { 'idempotency-key': k2 })),
      );
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      expect(a.json().id).toBe(b.json().id);
      expect(await count('application')).toBe(before + 2);
      // The same key of another applicant is another application.
      expect(
        (await t.call(principals.otherCitizen, 'POST', '/applications', body, { 'idempotency-key': k })).statusCode,
      ).toBe(201);
    });

    it('unknown fields and malformed values: 400 with every field listed, nothing written', async () => {
      const before = await count('application');
      const res = await t.call(
        principals.citizen,
        'POST',
        '/applications',
        {
          itemCode: 'XK-SCJG-001',
          division: '120101',
          formData: {},
          materials: [{ code: 'M01', bogus: 1 }],
          extra: true,
        },
        { 'idempotency-key': key() },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().details.map((d: any) => d.field)).toEqual(
        expect.arrayContaining(['extra', 'materials.0.bogus']),
      );
      const res2 = await t.call(
        principals.citizen,
        'POST',
        '/applications',
        { itemCode: 'XK-SCJG-001', division: '1201', formData: 'x', materials: 'no' },
        { 'idempotency-key': key() },
      );
      expect(res2.statusCode).toBe(400);
      expect(res2.json().details.map((d: any) => d.field)).toEqual(
        expect.arrayContaining(['division', 'formData', 'materials']),
      );
      const badId = await t.call(principals.hepingClerk, 'POST', '/window/applications', {
        itemCode: 'XK-SCJG-001',
        formData: {},
        materials: [],
        applicant: { type: 'citizen', name: 'x', idNumber: '120101199003071234' },
      });
      expect(badId.statusCode).toBe(400);
      expect((await t.call(principals.citizen, 'GET', '/applications/not-a-uuid')).statusCode).toBe(400);
      expect(await count('application')).toBe(before);
    });

    it('uploads: wrong type 415, content not matching its type 415, over the limit 413, nothing stored', async () => {
      const app = await online();
      const files = await count('application_file');
      const text = await t.call(
        principals.citizen,
        'POST',
        `/applications/${app.id}/materials/M01`,
        Buffer.from('hello'),
        { 'content-type': 'text/plain' },
      );
      expect(text.statusCode).toBe(415);
      const fake = await t.call(
        principals.citizen,
        'POST',
        `/applications/${app.id}/materials/M01`,
        Buffer.from('MZ this is not a pdf'),
        { 'content-type': 'application/pdf' },
      );
      expect(fake.statusCode).toBe(415);
      expect(fake.json().details).toMatchObject({ contentType: 'application/pdf' });
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
      const tooBig = await t.call(principals.citizen, 'POST', `/applications/${app.id}/materials/M01`, big, {
        'content-type': 'application/pdf',
      });
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().details).toEqual({ limitBytes: 10 * 1024 * 1024 });
      expect(
        (
          await t.call(principals.citizen, 'POST', `/applications/${app.id}/materials/M99`, PDF, {
            'content-type': 'application/pdf',
          })
        ).statusCode,
      ).toBe(422);
      expect(await count('application_file')).toBe(files);
    });

    it('transitions out of order: 409 with the current state', async () => {
      const app = await atHeping();
      const conclude = await t.call(principals.hepingScjgApprover, 'POST', `/applications/${app.id}/conclude`);
      expect(conclude.statusCode).toBe(409);
      expect(conclude.json().details).toMatchObject({ currentState: 'RECEIVED', attempted: 'conclude' });
      const deliver = await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/deliver`, {
        mode: 'window',
      });
      expect(deliver.statusCode).toBe(409);
      expect(deliver.json().details).toMatchObject({ currentState: 'RECEIVED', attempted: 'deliver' });
      const instant = await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/instant-decision`, {
        outcome: 'granted',
        reasons: 'x',
        legalBasis: [],
      });
      expect(instant.statusCode).toBe(422); // not an instant item
      const corrections = await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/corrections`, {
        materials: [],
      });
      expect(corrections.statusCode).toBe(409);
      // Withdrawn: no more transitions, and no withdrawal after a decision.
      const owner: Principal = { type: 'citizen', sub: 'u-zhaoliu', name: '赵六' };
      expect(
        (await t.call(owner, 'POST', `/applications/${app.id}/withdraw`, { reason: '不办了' })).json(),
      ).toMatchObject({ state: 'WITHDRAWN', closingReason: '不办了' });
      const after = await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/accept`, {});
      expect(after.statusCode).toBe(409);
      expect(after.json().details.currentState).toBe('WITHDRAWN');
    });

    it('F6: two clerks accepting at once → exactly one 200, the other 409', async () => {
      for (let i = 0; i < 3; i++) {
        const app = await atHeping();
        const results = await Promise.all([
          t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/accept`, {}),
          t.call(principals.hepingClerk2, 'POST', `/window/applications/${app.id}/accept`, {}),
        ]);
        expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        const steps = await t.ds.query(
          `select action from application_step where application_id = $1 and action = 'accept'`,
          [app.id],
        );
        expect(steps).toHaveLength(1);
      }
    });
  });

  describe('clock and withdrawal', () => {
    it('the clock runs on one replica at a time (advisory lock)', async () => {
      const holder = t.ds.createQueryRunner();
      await holder.connect();
      try {
        await holder.query('select pg_advisory_lock(hashtext($1))', ['intake-clock']);
        expect(await t.clock.runOnce('2026-12-31')).toEqual({
          ran: false,
          deemedAccepted: [],
          reminders: [],
          overdue: [],
        });
      } finally {
        await holder.query('select pg_advisory_unlock(hashtext($1))', ['intake-clock']);
        await holder.release();
      }
      expect((await t.clock.runOnce('2026-11-01')).ran).toBe(true);
    });

    it('withdrawing an accepted application cancels its task; CORRECTION_REQUESTED is never deemed accepted', async () => {
      const app = await atHeping();
      await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/accept`, {});
      const task = await waitFor(
        async () =>
          (await t.call(principals.hepingScjgReviewer, 'GET', '/tasks'))
            .json()
            .find((x: any) => x.applicationId === app.id),
        30_000,
      );
      const owner: Principal = { type: 'citizen', sub: 'u-zhaoliu', name: '赵六' };
      expect(
        (await t.call(owner, 'POST', `/applications/${app.id}/withdraw`, { reason: '改日再办' })).json().state,
      ).toBe('WITHDRAWN');
      await waitFor(
        async () =>
          (await t.call(principals.hepingScjgReviewer, 'GET', `/tasks/${task.id}`)).json().state === 'CANCELLED',
        30_000,
      );
      expect((await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/claim`)).statusCode).toBe(409);

      const waiting = await atHeping(false);
      await t.call(principals.hepingClerk, 'POST', `/window/applications/${waiting.id}/correction-notice`, {});
      const run = await t.clock.runOnce('2026-12-31');
      expect(run.deemedAccepted).not.toContain(waiting.id);
      expect((await t.call(principals.hepingClerk, 'GET', `/applications/${waiting.id}`)).json().state).toBe(
        'CORRECTION_REQUESTED',
      );
    });
  });

  describe('S4 OpenAPI', () => {
    it('documents every route of applications, window, tasks and department with its body schema and responses', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const expected: [string, string][] = [
        ['post', '/applications'],
        ['get', '/applications'],
        ['get', '/applications/{id}'],
        ['get', '/applications/{id}/timeline'],
        ['get', '/applications/{id}/timeline/verify'],
        ['post', '/applications/{id}/withdraw'],
        ['post', '/applications/{id}/corrections'],
        ['post', '/applications/{id}/materials/{code}'],
        ['post', '/applications/{id}/conclude'],
        ['post', '/window/applications'],
        ['get', '/window/applications'],
        ['get', '/window/applications/{id}/material-check'],
        ['post', '/window/applications/{id}/correction-notice'],
        ['post', '/window/applications/{id}/corrections'],
        ['post', '/window/applications/{id}/accept'],
        ['post', '/window/applications/{id}/reject'],
        ['post', '/window/applications/{id}/gap-accept'],
        ['post', '/window/applications/{id}/instant-decision'],
        ['post', '/window/applications/{id}/deliver'],
        ['get', '/tasks'],
        ['get', '/tasks/{id}'],
        ['post', '/tasks/{id}/claim'],
        ['post', '/tasks/{id}/review'],
        ['post', '/tasks/{id}/decide'],
        ['post', '/tasks/{id}/pause'],
        ['post', '/tasks/{id}/resume'],
        ['post', '/tasks/{id}/extend'],
        ['get', '/department/tasks'],
        ['post', '/department/decisions'],
      ];
      for (const [method, path] of expected) {
        const op = doc.paths[path]?.[method];
        expect([method, path, Boolean(op)]).toEqual([method, path, true]);
        expect(Object.keys(op.responses).some((c) => c.startsWith('2'))).toBe(true);
      }
      const submit = doc.paths['/applications'].post;
      expect(submit.requestBody.content['application/json'].schema.$ref).toMatch(/SubmitApplicationDto/);
      expect(submit.parameters.find((x: any) => x.name === 'Idempotency-Key')).toMatchObject({
        in: 'header',
        required: true,
      });
      expect(Object.keys(doc.paths['/applications/{id}/materials/{code}'].post.requestBody.content)).toEqual([
        'application/pdf',
        'image/jpeg',
        'image/png',
      ]);
      expect(doc.components.schemas.SubmitApplicationDto.required).toEqual(
        expect.arrayContaining(['formData', 'materials']),
      );
      expect(
        doc.components.schemas.ApplicationView.properties.clock.$ref ??
          doc.components.schemas.ApplicationView.properties.clock.allOf,
      ).toBeDefined();
    });
  });

  describe('S8 tamper evidence', () => {
    it('altering a timeline row with SQL is detected by the verify endpoint', async () => {
      const app = await atHeping(false);
      await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/correction-notice`, {});
      await t.call(principals.hepingClerk, 'POST', `/window/applications/${app.id}/reject`, {
        reason: '不属于本区管辖',
        redirectTo: '南开区政务服务中心',
      });
      const url = `/applications/${app.id}/timeline/verify`;
      expect((await t.call(principals.hepingClerk, 'GET', url)).json()).toEqual({ valid: true, steps: 3 });
      await t.ds.query(`update application_step set actor_id = 'someone-else' where application_id = $1 and seq = 2`, [
        app.id,
      ]);
      expect((await t.call(principals.hepingClerk, 'GET', url)).json()).toMatchObject({
        valid: false,
        brokenAtSeq: 2,
        reason: 'hash-mismatch',
      });
      await t.ds.query(`update application_step set actor_id = $2 where application_id = $1 and seq = 2`, [
        app.id,
        principals.hepingClerk.sub,
      ]);
      expect((await t.call(principals.hepingClerk, 'GET', url)).json().valid).toBe(true);
      await t.ds.query(`delete from application_step where application_id = $1 and seq = 2`, [app.id]);
      expect((await t.call(principals.hepingClerk, 'GET', url)).json()).toMatchObject({
        valid: false,
        reason: 'sequence-gap',
      });
    });
  });
});
