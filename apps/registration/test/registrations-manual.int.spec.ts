import type { Principal } from '@onewindow/auth';
import { principals, waitFor } from '@onewindow/testing';
import { EscalationCheckerService } from '../src/saga/escalation-checker.service';
import { validForm } from '../src/testing/form-fixture';
import { bootRegistrationTestApp, type RegistrationTestApp } from '../src/testing/registration-test-app';

type Step = {
  id: string;
  kind: string;
  department: string;
  state: string;
  attempt: number;
  registrationId: string;
  reason: string | null;
  dueOn: string | null;
  data: Record<string, unknown>;
};

/**
 * Every department step `manual` (R5): the departments' staff work their queues, one department through
 * its system on the exchange API; a rejected seal step is corrected by the founder and only that step
 * runs again (R6); an overdue step is escalated (R6); who may see and do what (S1, S2).
 */
describe('registration with all steps manual, driven by the departments', () => {
  let t: RegistrationTestApp;

  beforeAll(async () => {
    t = await bootRegistrationTestApp('reg_manual', {
      config: {
        stepModes: { GA: 'manual', SW: 'manual', RS: 'manual', TJ: 'manual' },
        stepLimitWorkingDays: 1,
        escalationIntervalMs: 0,
      },
    });
  });
  afterAll(() => t?.close());

  const submit = async (tradeName: string, who = principals.founder) => {
    const r = await t.call('POST', '/registrations', who, validForm({}, tradeName));
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  const queue = async (who: (typeof principals)[keyof typeof principals], dept: string): Promise<Step[]> => {
    const r = await t.call('GET', `/steps?department=${dept}`, who);
    expect(r.statusCode).toBe(200);
    return r.json();
  };
  const stepOf = (regId: string, who: (typeof principals)[keyof typeof principals], dept: string) =>
    waitFor(
      async () => (await queue(who, dept)).find((s) => s.registrationId === regId && s.state === 'QUEUED'),
      30_000,
      100,
      `${dept} step queued`,
    );
  const progress = async (id: string, who: Principal = principals.founder) =>
    (await t.call('GET', `/registrations/${id}`, who)).json();
  const staffFinish = async (regId: string, who: (typeof principals)[keyof typeof principals], dept: string) => {
    const s = await stepOf(regId, who, dept);
    expect((await t.call('POST', `/steps/${s.id}/claim`, who)).statusCode).toBe(200);
    const done = await t.call('POST', `/steps/${s.id}/complete`, who, { reference: `${dept}-REF-1`, note: '已办结' });
    expect(done.statusCode).toBe(200);
    return done.json();
  };

  it('four departments work their queues in parallel; one through its system; the registration completes', async () => {
    const id = await submit('海河');
    const ga = await stepOf(id, principals.gaStaff, 'GA');
    await stepOf(id, principals.swStaff, 'SW');
    // Each department receives its own section of the form and the enterprise basics, given once.
    expect(ga.data).toEqual(
      expect.objectContaining({
        seal: expect.objectContaining({ seals: ['official', 'finance', 'invoice'] }),
        enterprise: expect.objectContaining({
          name: '天津海河科技有限公司',
          uscc: expect.stringMatching(/^91120101MA/),
        }),
      }),
    );
    expect(ga.data).not.toHaveProperty('tax');

    // Function level (S2): a department cannot list another's queue, an applicant no queue at all.
    expect((await t.call('GET', '/steps?department=SW', principals.gaStaff)).statusCode).toBe(403);
    expect((await t.call('GET', '/steps?department=GA', principals.founder)).statusCode).toBe(403);
    expect((await t.call('GET', '/department/steps', principals.gaStaff)).statusCode).toBe(403);
    // Object level (S1): another department's step is not there.
    expect((await t.call('POST', `/steps/${ga.id}/claim`, principals.swStaff)).statusCode).toBe(404);
    expect(
      (await t.call('POST', `/department/steps/${ga.id}/result`, principals.swSystem, { outcome: 'completed' }))
        .statusCode,
    ).toBe(404);

    // GA by its staff: claim, and only the claimant completes.
    expect((await t.call('POST', `/steps/${ga.id}/claim`, principals.gaStaff)).json().state).toBe('CLAIMED');
    expect((await t.call('POST', `/steps/${ga.id}/claim`, principals.gaStaff2)).statusCode).toBe(409);
    const stolen = await t.call('POST', `/steps/${ga.id}/complete`, principals.gaStaff2, {});
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().details).toEqual({ currentState: 'CLAIMED', attempted: 'complete' });
    const gaDone = await t.call('POST', `/steps/${ga.id}/complete`, principals.gaStaff, {
      reference: 'GA-BA-2026-0001',
    });
    expect(gaDone.json()).toEqual(
      expect.objectContaining({
        state: 'DONE',
        result: expect.objectContaining({ reference: 'GA-BA-2026-0001', sealFilingNumber: expect.any(String) }),
      }),
    );

    // SW by the taxation department's system on the exchange API.
    const swList = await t.call('GET', '/department/steps', principals.swSystem);
    expect(swList.statusCode).toBe(200);
    const sw = (swList.json() as Step[]).find((s) => s.registrationId === id)!;
    expect(sw.department).toBe('SW');
    expect((await t.call('GET', '/department/steps', principals.tjSystemReadOnly)).statusCode).toBe(200);
    expect(
      (await t.call('POST', `/department/steps/${sw.id}/result`, principals.swSystem, { outcome: 'rejected' }))
        .statusCode,
    ).toBe(400);
    const swDone = await t.call('POST', `/department/steps/${sw.id}/result`, principals.swSystem, {
      outcome: 'completed',
      reference: 'SW-2026-88',
    });
    expect(swDone.json()).toEqual(
      expect.objectContaining({
        state: 'DONE',
        result: expect.objectContaining({
          taxpayerId: expect.stringMatching(/^91/),
          reference: 'SW-2026-88',
          handledBy: 'system:sw-system',
        }),
      }),
    );

    // A department sees its own step of the registration only; others see nothing.
    const bySystem = await progress(id, principals.swSystem);
    expect(bySystem.steps.map((s: Step) => s.department)).toEqual(['SW']);
    expect(bySystem).not.toHaveProperty('legalRepresentative');
    expect((await t.call('GET', `/registrations/${id}`, principals.otherFounder)).statusCode).toBe(404);
    expect((await t.call('GET', `/registrations/${id}`, principals.cityClerk)).statusCode).toBe(404);
    expect((await t.call('GET', `/registrations/${id}`, principals.nankaiXzspReviewer)).statusCode).toBe(404);
    const byRegulator = await progress(id, principals.cityScjgReviewer);
    expect(byRegulator.steps).toHaveLength(6);
    expect(byRegulator.legalRepresentative.residentId).toBe('120101********1235');
    expect(byRegulator.steps[2].data).toBeUndefined();
    expect((await progress(id)).legalRepresentative.residentId).toBe('120101199003071235');

    await staffFinish(id, principals.rsStaff, 'RS');
    expect((await progress(id)).state).toBe('DEPARTMENTS');
    await staffFinish(id, principals.tjStaff, 'TJ');
    const done = await waitFor(
      async () => {
        const r = await progress(id);
        return r.state === 'COMPLETED' ? r : undefined;
      },
      30_000,
      100,
      'completed',
    );
    expect(done.steps.slice(2).map((s: { completedBy: string }) => s.completedBy)).toEqual([
      'staff:u-ga-1',
      'system:sw-system',
      'staff:u-rs-1',
      'staff:u-tj-1',
    ]);
    expect(done.withinOneWorkingDay).toBe(true);
  });

  it('a rejected seal step goes back to the founder; only that step runs again', async () => {
    const id = await submit('渤海');
    const ga = await stepOf(id, principals.gaStaff, 'GA');
    await t.call('POST', `/steps/${ga.id}/claim`, principals.gaStaff);
    // Another founder, or a correction before any rejection: refused.
    const early = await t.call('POST', `/registrations/${id}/steps/${ga.id}/correction`, principals.founder, {
      seal: validForm().seal,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().details.currentState).toBe('CLAIMED');
    const rejected = await t.call('POST', `/steps/${ga.id}/reject`, principals.gaStaff, {
      reason: '刻章企业未备案，请另选刻章企业 (the engraver is not registered)',
    });
    expect(rejected.json().state).toBe('REJECTED');

    // The other three go on meanwhile.
    for (const [who, dept] of [
      [principals.swStaff, 'SW'],
      [principals.rsStaff, 'RS'],
      [principals.tjStaff, 'TJ'],
    ] as const)
      await staffFinish(id, who, dept);

    const asked = await waitFor(
      async () => {
        const r = await progress(id);
        const seal = r.steps.find((s: Step) => s.kind === 'seal');
        return seal.state === 'CORRECTION_REQUESTED' ? seal : undefined;
      },
      30_000,
      100,
      'correction requested',
    );
    expect(asked.reason).toMatch(/engraver/);
    const [corr] = (
      await t.pg.query(
        `select envelope from outbox_event where type = 'registration.enterprise.correction-requested' and key = $1`,
        [id],
      )
    ).rows;
    expect(corr.envelope.data).toEqual(
      expect.objectContaining({ stepId: ga.id, department: 'GA', kind: 'seal', attempt: 1 }),
    );

    const newSeal = {
      seals: ['official', 'contract'],
      engraverUscc: '91120101MA05T8K25N',
      engraverName: '天津市和平区另一刻章有限公司',
    };
    expect(
      (
        await t.call('POST', `/registrations/${id}/steps/${ga.id}/correction`, principals.otherFounder, {
          seal: newSeal,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.call('POST', `/registrations/${id}/steps/${ga.id}/correction`, principals.founder, {
          tax: validForm().tax,
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await t.call('POST', `/registrations/${id}/steps/${ga.id}/correction`, principals.founder, {
          seal: { ...newSeal, engraverUscc: 'bad' },
        })
      ).statusCode,
    ).toBe(400);
    const corrected = await t.call('POST', `/registrations/${id}/steps/${ga.id}/correction`, principals.founder, {
      seal: newSeal,
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().steps.find((s: Step) => s.kind === 'seal')).toEqual(
      expect.objectContaining({ state: 'REQUESTED', attempt: 2, reason: null }),
    );

    const again = await waitFor(
      async () => (await queue(principals.gaStaff, 'GA')).find((s) => s.id === ga.id && s.state === 'QUEUED'),
      30_000,
      100,
      'seal queued again',
    );
    expect(again.attempt).toBe(2);
    expect(again.data.seal).toEqual(newSeal);
    await t.call('POST', `/steps/${ga.id}/claim`, principals.gaStaff);
    await t.call('POST', `/steps/${ga.id}/complete`, principals.gaStaff, {});
    await waitFor(async () => (await progress(id)).state === 'COMPLETED', 30_000, 100, 'completed after correction');

    // Only the seal step was requested twice; the others once each.
    const requested = await t.pg.query(
      `select envelope->'data'->>'kind' as kind, count(*)::int as n from outbox_event where type = 'registration.step.requested' and key = $1 group by 1 order by 1`,
      [id],
    );
    expect(requested.rows).toEqual([
      { kind: 'seal', n: 2 },
      { kind: 'social-insurance', n: 1 },
      { kind: 'statistics', n: 1 },
      { kind: 'tax', n: 1 },
    ]);
  });

  it('escalates a step past its time limit to oversight, once', async () => {
    const id = await submit('津沽');
    const ga = await stepOf(id, principals.gaStaff, 'GA');
    const checker = t.app.get(EscalationCheckerService);
    expect(await checker.run(new Date())).toBe(0);
    const later = new Date(Date.now() + 10 * 86_400_000);
    const escalated = await checker.run(later);
    // This registration's four open steps (the earlier tests' registrations are all completed).
    expect(escalated).toBe(4);
    expect(await checker.run(later)).toBe(0);
    const events = (
      await t.pg.query(`select envelope from outbox_event where type = 'registration.step.escalated' and key = $1`, [
        id,
      ])
    ).rows;
    expect(events.map((e) => e.envelope.data.department).sort()).toEqual(['GA', 'RS', 'SW', 'TJ']);
    expect(events.find((e) => e.envelope.data.stepId === ga.id).envelope.data).toEqual(
      expect.objectContaining({ state: 'QUEUED', dueOn: ga.dueOn }),
    );
    expect((await progress(id)).steps.find((s: Step) => s.kind === 'seal').escalatedAt).toEqual(expect.any(String));
  });

  it('reports the share done within one working day to market regulation and supervisors', async () => {
    const r = await t.call('GET', '/registrations/report/one-day', principals.supervisor);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(
      expect.objectContaining({
        completed: 2,
        completedWithinOneWorkingDay: 2,
        share: 1,
        open: 1,
        openBeyondOneWorkingDay: 0,
      }),
    );
    expect((await t.call('GET', '/registrations/report/one-day', principals.nankaiXzspReviewer)).json().completed).toBe(
      0,
    );
    expect((await t.call('GET', '/registrations/report/one-day', principals.gaStaff)).statusCode).toBe(403);
    expect((await t.call('GET', '/registrations/report/one-day', principals.founder)).statusCode).toBe(403);
  });
});
