import { validateUscc } from '@onewindow/codes';
import { principals, waitFor } from '@onewindow/testing';
import { tradeNameFor, validForm } from '../src/testing/form-fixture';
import { bootRegistrationTestApp, type RegistrationTestApp } from '../src/testing/registration-test-app';

/**
 * Bad input and duplicates (30-registration.md "Bad input and faults"): a clear 4xx and nothing
 * half-created; the name check with its reviewers (R2) and self-declared names (R8); withdrawal (R6);
 * concurrent registrations all receiving distinct valid codes (R3).
 */
describe('registration input, names, duplicates, withdrawal', () => {
  let t: RegistrationTestApp;
  const tables = [
    'registration',
    'registration_step',
    'enterprise_name',
    'name_review',
    'outbox_event',
    'uscc_issued',
    'licence',
  ];
  const snapshot = async () => {
    const c: Record<string, number> = {};
    for (const x of tables) c[x] = await t.count(`select count(*)::int n from ${x}`);
    return c;
  };
  /**
   * Row counts once they have settled: registrations accepted just before are still being carried on
   * by the saga (licence, USCC, events) in the background, and that is not what a refused request wrote.
   */
  const counts = async () => {
    let last = JSON.stringify(await snapshot());
    for (let stableSince = Date.now(), until = Date.now() + 30_000; Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 200));
      const now = JSON.stringify(await snapshot());
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      } else if (Date.now() - stableSince >= 1000) break;
    }
    return JSON.parse(last) as Record<string, number>;
  };
  const progress = async (id: string, who = principals.founder) =>
    (await t.call('GET', `/registrations/${id}`, who)).json();
  const completed = (id: string, who = principals.founder) =>
    waitFor(
      async () => {
        const r = await progress(id, who);
        return r.state === 'COMPLETED' ? r : undefined;
      },
      60_000,
      100,
      'completed',
    );
  let founderSeq = 100;
  const newFounder = () => ({ type: 'citizen' as const, sub: `u-founder-${founderSeq++}`, name: '王五' });

  beforeAll(async () => {
    t = await bootRegistrationTestApp('reg_input', {
      config: {
        stepModes: { GA: 'auto', SW: 'auto', RS: 'auto', TJ: 'auto' },
        stepLimitWorkingDays: 1,
        escalationIntervalMs: 0,
      },
    });
  });
  afterAll(() => t?.close());

  it('refuses invalid forms with every problem listed, writing nothing', async () => {
    const before = await counts();
    const form = validForm({ authorityDivision: '129999', nameCandidates: ['天津第一科技有限公司'] });
    form.legalRepresentative.residentId = '120101199003071234';
    form.shareholders[1]!.shareBasisPoints = 3000;
    const r = await t.call('POST', '/registrations', principals.founder, form);
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['authorityDivision', 'legalRepresentative.residentId', 'shareholders']);
    const forbidden = await t.call(
      'POST',
      '/registrations',
      principals.founder,
      validForm({ nameCandidates: ['天津第一科技有限公司'] }),
    );
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.json().details[0]).toEqual({
      field: 'nameCandidates',
      problems: [expect.stringMatching(/forbidden word/)],
    });
    expect(
      (await t.call('POST', '/registrations', principals.founder, { ...validForm(), unknown: 1 })).statusCode,
    ).toBe(400);
    expect(
      (await t.call('POST', '/registrations', principals.founder, 'not json', { 'content-type': 'application/json' }))
        .statusCode,
    ).toBe(400);
    // Staff and systems do not found companies.
    expect((await t.call('POST', '/registrations', principals.cityScjgReviewer, validForm())).statusCode).toBe(403);
    expect((await t.call('POST', '/registrations', undefined, validForm())).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('refuses an identical trade name in the same industry and authority; takes the next candidate', async () => {
    const first = await t.call('POST', '/registrations', principals.founder, validForm({}, '海河'));
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const taken = await t.call(
      'POST',
      '/registrations',
      principals.otherFounder,
      validForm({ nameCandidates: ['天津海河科技有限公司', '天津市海河科技有限公司'] }),
    );
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details).toEqual([
      expect.objectContaining({ candidate: '天津海河科技有限公司', outcome: 'taken', codes: ['identical'] }),
      expect.objectContaining({ candidate: '天津市海河科技有限公司', outcome: 'taken', codes: ['identical'] }),
    ]);
    expect(await counts()).toEqual(before);
    const next = await t.call(
      'POST',
      '/registrations',
      principals.otherFounder,
      validForm({ nameCandidates: ['天津海河科技有限公司', '天津第一科技有限公司', '天津渤海湾科技有限公司'] }),
    );
    expect(next.statusCode).toBe(201);
    expect(next.json().enterpriseName).toBe('天津渤海湾科技有限公司');
    await completed(first.json().id);
    await completed(next.json().id, principals.otherFounder);
  });

  it('sends a similar name to a reviewer of market regulation, who decides', async () => {
    const founder = newFounder();
    const similar = await t.call('POST', '/registrations', founder, validForm({}, '海和'));
    expect(similar.statusCode).toBe(201);
    expect(similar.json().state).toBe('NAME_REVIEW');
    expect(similar.json().steps[0]).toEqual(
      expect.objectContaining({
        kind: 'name-check',
        state: 'REVIEW',
        reason: expect.stringMatching(/天津海河科技有限公司/),
      }),
    );

    expect((await t.call('GET', '/name-reviews', principals.gaStaff)).statusCode).toBe(403);
    expect((await t.call('GET', '/name-reviews', founder)).statusCode).toBe(403);
    expect((await t.call('GET', '/name-reviews', principals.nankaiXzspReviewer)).json()).toEqual([]);
    const queue = (await t.call('GET', '/name-reviews', principals.hepingXzspReviewer)).json();
    const review = queue.find((q: { registrationId: string }) => q.registrationId === similar.json().id);
    expect(review).toEqual(
      expect.objectContaining({
        enterpriseName: '天津海和科技有限公司',
        similarNames: ['天津海河科技有限公司'],
        state: 'OPEN',
      }),
    );
    expect(
      (
        await t.call('POST', `/name-reviews/${review.id}/decision`, principals.nankaiXzspReviewer, {
          decision: 'approve',
          reason: '不近似',
        })
      ).statusCode,
    ).toBe(404);

    const rejected = await t.call('POST', `/name-reviews/${review.id}/decision`, principals.cityScjgReviewer, {
      decision: 'reject',
      reason: '与“天津海河科技有限公司”近似，易混淆 (confusingly similar)',
    });
    expect(rejected.json().state).toBe('REJECTED');
    expect(
      (
        await t.call('POST', `/name-reviews/${review.id}/decision`, principals.cityScjgReviewer, {
          decision: 'approve',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(409);
    const ended = await progress(similar.json().id, founder);
    expect(ended.state).toBe('NAME_REJECTED');
    expect(ended.steps.map((s: { state: string }) => s.state)).toEqual([
      'REJECTED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(
      await t.count(
        `select count(*)::int n from enterprise_name where full_name = '天津海和科技有限公司' and status <> 'released'`,
      ),
    ).toBe(0);

    // The same form again after the rejection is a new registration (the first one ended); this time approved.
    const again = await t.call('POST', '/registrations', founder, validForm({}, '海和'));
    expect(again.statusCode).toBe(201);
    const review2 = (await t.call('GET', '/name-reviews', principals.cityScjgReviewer))
      .json()
      .find((q: { registrationId: string }) => q.registrationId === again.json().id);
    expect(
      (
        await t.call('POST', `/name-reviews/${review2.id}/decision`, principals.cityScjgReviewer, {
          decision: 'approve',
          reason: '行业经营特点不同，不致混淆',
        })
      ).statusCode,
    ).toBe(200);
    const done = await completed(again.json().id, founder);
    expect(done.steps[0]).toEqual(expect.objectContaining({ state: 'DONE', completedBy: 'staff:u-scjg-1' }));
  });

  it('sends restricted words to a reviewer', async () => {
    const r = await t.call('POST', '/registrations', newFounder(), validForm({}, '中华龙'));
    expect(r.json().state).toBe('NAME_REVIEW');
    expect(r.json().steps[0].reason).toMatch(/restricted word/);
  });

  it('takes self-declared names at the free-trade zone under its own division code, by the same rules (R8)', async () => {
    const ftz = {
      authorityDivision: '120191',
      nameSelfDeclaration: true,
      domicile: { division: '120116', address: '天津自贸试验区（东疆片区）某路 1 号' },
    };
    const founder = newFounder();
    // Similar to 天津海河科技有限公司 of another authority's register: not a reviewer's case here.
    const r = await t.call(
      'POST',
      '/registrations',
      founder,
      validForm({ ...ftz, nameCandidates: ['天津自贸试验区海河科技有限公司'] }),
    );
    expect(r.statusCode).toBe(201);
    expect(r.json().state).toBe('LICENSING');
    const done = await completed(r.json().id, founder);
    expect(done.uscc).toMatch(/^91120191MA/);
    expect(done.authority).toEqual({
      code: 'FTZ-120191',
      name: '中国（天津）自由贸易试验区市场监督管理局',
      division: '120191',
    });
    // The same rules: forbidden words and an identical name are refused there too.
    expect(
      (
        await t.call(
          'POST',
          '/registrations',
          newFounder(),
          validForm({ ...ftz, nameCandidates: ['天津自贸试验区第一科技有限公司'] }),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.call(
          'POST',
          '/registrations',
          newFounder(),
          validForm({ ...ftz, nameCandidates: ['天津自贸试验区海河科技有限公司'] }),
        )
      ).statusCode,
    ).toBe(409);
    // A similar name in the zone's own register: recorded, and the founder's declaration stands.
    const similar = await t.call(
      'POST',
      '/registrations',
      newFounder(),
      validForm({ ...ftz, nameCandidates: ['天津自贸试验区海和科技有限公司'] }),
    );
    expect(similar.json()).toEqual(expect.objectContaining({ state: 'LICENSING' }));
    expect(similar.json().steps[0].result).toEqual(
      expect.objectContaining({
        decidedBy: 'self-declared',
        similarNames: expect.arrayContaining(['天津自贸试验区海河科技有限公司']),
      }),
    );
  });

  it('a second submission: the same Idempotency-Key returns the first; the same form without a key is refused', async () => {
    const founder = newFounder();
    const form = validForm({}, '津湾');
    const headers = { 'idempotency-key': 'reg-key-00000001' };
    const a = await t.call('POST', '/registrations', founder, form, headers);
    const b = await t.call('POST', '/registrations', founder, form, headers);
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json().id).toBe(a.json().id);
    expect(
      await t.count(`select count(*)::int n from registration where owner_subject = $1`, [`citizen:${founder.sub}`]),
    ).toBe(1);
    const before = await counts();
    const otherForm = await t.call('POST', '/registrations', founder, validForm({}, '津滨'), headers);
    expect(otherForm.statusCode).toBe(422);
    const noKey = await t.call('POST', '/registrations', founder, form);
    expect(noKey.statusCode).toBe(409);
    expect(noKey.json().details).toEqual(expect.objectContaining({ registrationId: a.json().id }));
    expect((await t.call('POST', '/registrations', founder, form, { 'idempotency-key': 'bad key' })).statusCode).toBe(
      400,
    );
    expect(await counts()).toEqual(before);
    // Sent twice at once with one key: one registration.
    const f2 = newFounder();
    const both = await Promise.all(
      [0, 1].map(() =>
        t.call('POST', '/registrations', f2, validForm({}, '津南湾'), { 'idempotency-key': 'reg-key-00000002' }),
      ),
    );
    expect(both.map((x) => x.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(both.map((x) => x.json().id)).size).toBe(1);
  });

  it('withdrawal before the licence cancels the pending steps; after it, 409', async () => {
    const founder = newFounder();
    const pending = await t.call('POST', '/registrations', founder, validForm({}, '河海'));
    expect(pending.json().state).toBe('NAME_REVIEW');
    const id = pending.json().id;
    expect(
      (await t.call('POST', `/registrations/${id}/withdraw`, principals.otherFounder, { reason: '不办了' })).statusCode,
    ).toBe(404);
    const w = await t.call('POST', `/registrations/${id}/withdraw`, founder, {
      reason: '股东变更 (shareholders changed)',
    });
    expect(w.statusCode).toBe(200);
    expect(w.json().state).toBe('WITHDRAWN');
    expect(w.json().steps.map((s: { state: string }) => s.state)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(
      await t.count(`select count(*)::int n from name_review where registration_id = $1 and state = 'CANCELLED'`, [id]),
    ).toBe(1);
    expect(
      await t.count(`select count(*)::int n from enterprise_name where registration_id = $1 and status = 'released'`, [
        id,
      ]),
    ).toBe(1);
    const [ev] = (
      await t.pg.query(
        `select envelope from outbox_event where type = 'registration.enterprise.withdrawn' and key = $1`,
        [id],
      )
    ).rows;
    expect(ev.envelope.data.cancelledSteps.sort()).toEqual([
      'licence',
      'name-check',
      'seal',
      'social-insurance',
      'statistics',
      'tax',
    ]);
    expect((await t.call('POST', `/registrations/${id}/withdraw`, founder, { reason: '再撤' })).statusCode).toBe(409);

    const licensed = await t.call('POST', '/registrations', founder, validForm({}, '燕山'));
    await completed(licensed.json().id, founder);
    const late = await t.call('POST', `/registrations/${licensed.json().id}/withdraw`, founder, { reason: '晚了' });
    expect(late.statusCode).toBe(409);
    expect(late.json().details).toEqual({ currentState: 'COMPLETED', attempted: 'withdraw' });
  });

  it('concurrent registrations all receive distinct valid codes', async () => {
    const n = 20;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.call('POST', '/registrations', newFounder(), validForm({}, tradeNameFor(500 + i))),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(n).fill(201));
    const codes = await waitFor(
      async () => {
        const rows = (
          await t.pg.query(
            `select uscc, licence_number from registration where id = any($1::uuid[]) and state = 'COMPLETED'`,
            [results.map((r) => r.json().id)],
          )
        ).rows;
        return rows.length === n ? rows : undefined;
      },
      60_000,
      200,
      'all completed',
    );
    expect(new Set(codes.map((c) => c.uscc)).size).toBe(n);
    expect(new Set(codes.map((c) => c.licence_number)).size).toBe(n);
    for (const c of codes) expect(validateUscc(c.uscc)).toEqual({ valid: true });
  });

  it('a withdrawal racing the licence: either it wins and no licence is ever issued, or it gets 409', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const founder = newFounder();
      const id = (await t.call('POST', '/registrations', founder, validForm({}, tradeNameFor(900 + i)))).json().id;
      const w = await t.call('POST', `/registrations/${id}/withdraw`, founder, { reason: '改主意了' });
      outcomes.push(String(w.statusCode));
      if (w.statusCode === 200) {
        // Give the name-approved event time to reach the saga: it must find the registration withdrawn.
        await waitFor(
          async () =>
            (await t.count(
              `select count(*)::int n from inbox_event i join outbox_event o on o.event_id = i.event_id where o.key = $1 and o.type = 'registration.enterprise.name-approved'`,
              [id],
            )) === 1,
          30_000,
          100,
          'name-approved consumed',
        );
        expect(await t.count('select count(*)::int n from licence where registration_id = $1', [id])).toBe(0);
        expect((await progress(id, founder)).state).toBe('WITHDRAWN');
      } else {
        expect(w.statusCode).toBe(409);
        expect(['LICENSED', 'DEPARTMENTS', 'COMPLETED']).toContain(w.json().details.currentState);
      }
    }
    expect(outcomes.every((o) => o === '200' || o === '409')).toBe(true);
  });
});
