import { officialCalendarWithFallback, todayInShanghai, addDays } from '@onewindow/calendar';
import { principals, waitFor } from '@onewindow/testing';
import { CatalogueReader } from '../src/catalogue/catalogue.types';
import { bootIntakeTestApp, IntakeTestApp, PDF, RESIDENT_ID } from '../src/applications/testing/intake-test-app';

// The expected dates are computed here, from the actual dates, with the calendar the service uses
// (statutory holidays for years without a published notice, e.g. a 60-day gap period into next year).
const cal = officialCalendarWithFallback(() => undefined);

describe('application life cycle end to end (real Postgres + Kafka)', () => {
  let t: IntakeTestApp;
  beforeAll(async () => {
    t = await bootIntakeTestApp('lifecycle');
  });
  afterAll(async () => t?.close());

  async function taskFor(
    applicationId: string,
    reviewer: typeof principals.hepingScjgReviewer | typeof principals.jtReviewer,
  ) {
    return waitFor(
      async () => {
        const res = await t.call(reviewer, 'GET', '/tasks');
        return (res.json() as any[]).find((x) => x.applicationId === applicationId);
      },
      30_000,
      100,
      'the task in the department queue',
    );
  }

  async function events(applicationId: string): Promise<string[]> {
    const rows = await t.ds.query(`select type from outbox_event where key = $1 order by seq`, [applicationId]);
    return rows.map((r: { type: string }) => r.type.replace('intake.application.', ''));
  }

  it('online → correction notice → corrected → accepted → task → claimed → paused → resumed → reviewed → decided → concluded → delivered', async () => {
    const today = todayInShanghai();
    // 1. The applicant applies online for a district item, naming the district; only the e-licence for M02.
    const submit = await t.call(
      principals.citizen,
      'POST',
      '/applications',
      {
        itemCode: 'XK-SCJG-001',
        division: '120101',
        applicantIdNumber: RESIDENT_ID,
        applicantPhone: '13812345678',
        formData: { shopName: '和平小吃店', address: '和平区南京路1号' },
        materials: [{ code: 'M02', eLicenceRef: 'EL-YYZZ-1' }],
      },
      { 'idempotency-key': 'e2e-online-0001' },
    );
    expect(submit.statusCode).toBe(201);
    const app = submit.json();
    expect(app).toMatchObject({
      state: 'RECEIVED',
      department: 'SCJG',
      division: '120101',
      item: { code: 'XK-SCJG-001' },
      receivedAt: { channel: 'online' },
    });
    expect(app.number).toMatch(new RegExp(`^120101${today.replace(/-/g, '')}IN\\d{6}$`));
    expect(app.applicant.idNumber).toBe(RESIDENT_ID); // the owner sees it unmasked
    expect(app.clock).toMatchObject({ promisedDue: null, legalDue: null, remainingWorkingDays: null });
    const id: string = app.id;

    // 2. The Heping centre's clerk checks the materials and issues one notice listing everything.
    const check = await t.call(principals.hepingClerk, 'GET', `/window/applications/${id}/material-check`);
    expect(check.statusCode).toBe(200);
    expect(check.json().missing.map((m: any) => m.code)).toEqual(['M01', 'M03', 'M04', 'M05']);
    const notice = await t.call(principals.hepingClerk, 'POST', `/window/applications/${id}/correction-notice`, {
      nonConforming: [{ code: 'M02', problem: '电子证照已过期 (e-licence expired)' }],
    });
    expect(notice.statusCode).toBe(200);
    expect(notice.json().state).toBe('CORRECTION_REQUESTED');
    expect(notice.json().applicant.idNumber).toBe('120101********1235'); // the clerk is not the deciding department
    expect(
      notice
        .json()
        .materials.filter((m: any) => m.status !== 'provided')
        .map((m: any) => m.code),
    ).toEqual(['M01', 'M02', 'M03', 'M04', 'M05']);

    // 3. The applicant uploads what was missing and resubmits: back to RECEIVED.
    for (const code of ['M01', 'M03', 'M04', 'M05']) {
      const up = await t.call(principals.citizen, 'POST', `/applications/${id}/materials/${code}`, PDF, {
        'content-type': 'application/pdf',
      });
      expect(up.statusCode).toBe(201);
      expect(up.json()).toMatchObject({ materialCode: code, contentType: 'application/pdf', size: PDF.length });
    }
    const corrected = await t.call(principals.citizen, 'POST', `/applications/${id}/corrections`, {
      materials: [{ code: 'M02', eLicenceRef: 'EL-YYZZ-2' }],
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().state).toBe('RECEIVED');
    expect(corrected.json().materials.every((m: any) => m.status === 'provided')).toBe(true);

    // 4. Accepted: both due dates from the day after acceptance.
    const accepted = await t.call(principals.hepingClerk, 'POST', `/window/applications/${id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    const promisedDue = cal.addWorkingDays(today, 5);
    const legalDue = cal.addWorkingDays(today, 20);
    expect(accepted.json()).toMatchObject({
      state: 'ACCEPTED',
      clock: {
        acceptedOn: today,
        promisedDue,
        legalDue,
        remainingWorkingDays: cal.workingDaysBetween(today, legalDue),
      },
    });

    // 5. The consumer puts a task in the Heping SCJG queue (not in Nankai's).
    const task = await taskFor(id, principals.hepingScjgReviewer);
    expect(task).toMatchObject({
      state: 'OPEN',
      department: 'SCJG',
      division: '120101',
      twoStepReview: true,
      clock: { promisedDue, legalDue },
    });
    expect(
      (await t.call(principals.nankaiScjgReviewer, 'GET', '/tasks')).json().find((x: any) => x.id === task.id),
    ).toBeUndefined();
    expect((await t.call(principals.nankaiScjgReviewer, 'GET', `/tasks/${task.id}`)).statusCode).toBe(404);

    // 6. Claim, site inspection pause and resume (same day: nothing excluded), review, approval.
    const claimed = await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/claim`);
    expect(claimed.json()).toMatchObject({
      state: 'CLAIMED',
      applicationState: 'IN_REVIEW',
      assignee: principals.hepingScjgReviewer.sub,
    });
    const paused = await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/pause`, {
      procedure: 'site-inspection',
      note: '现场核查',
    });
    expect(paused.json()).toMatchObject({
      applicationState: 'PAUSED',
      clock: { pausedOn: today, pausedFor: 'site-inspection' },
    });
    const resumed = await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/resume`, {});
    expect(resumed.json()).toMatchObject({
      applicationState: 'IN_REVIEW',
      clock: { pausedOn: null, pausedWorkingDays: 0, promisedDue, legalDue },
    });
    const early = await t.call(principals.hepingScjgApprover, 'POST', `/tasks/${task.id}/decide`, {
      outcome: 'granted',
      reasons: '符合条件',
      legalBasis: ['《食品安全法》第三十五条'],
    });
    expect(early.statusCode).toBe(409); // two-step: review first
    const reviewed = await t.call(principals.hepingScjgReviewer, 'POST', `/tasks/${task.id}/review`, {
      recommendation: 'granted',
      opinion: '材料齐全，建议准予',
    });
    expect(reviewed.json()).toMatchObject({ state: 'REVIEWED', reviewedBy: principals.hepingScjgReviewer.sub });
    const decided = await t.call(principals.hepingScjgApprover, 'POST', `/tasks/${task.id}/decide`, {
      outcome: 'granted',
      reasons: '符合法定条件',
      legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'DONE', outcome: 'granted', applicationState: 'DECIDED' });

    // 7. Concluded by the department, delivered by post at the centre.
    const early2 = await t.call(principals.hepingClerk, 'POST', `/window/applications/${id}/deliver`, {
      mode: 'window',
    });
    expect(early2.statusCode).toBe(409);
    expect(early2.json().details).toMatchObject({ currentState: 'DECIDED' });
    expect((await t.call(principals.hepingScjgApprover, 'POST', `/applications/${id}/conclude`)).json().state).toBe(
      'CONCLUDED',
    );
    const delivered = await t.call(principals.hepingClerk, 'POST', `/window/applications/${id}/deliver`, {
      mode: 'post',
      trackingNumber: 'EMS1234567890CN',
    });
    expect(delivered.json()).toMatchObject({
      state: 'DELIVERED',
      delivery: { mode: 'post', trackingNumber: 'EMS1234567890CN' },
    });

    // 8. The timeline: every step with who, role, department and document; the chain verifies.
    const timeline = await t.call(principals.citizen, 'GET', `/applications/${id}/timeline`);
    const steps = timeline.json().steps;
    expect(steps.map((s: any) => s.action)).toEqual([
      'receive',
      'request-correction',
      'material-uploaded',
      'material-uploaded',
      'material-uploaded',
      'material-uploaded',
      'correct',
      'accept',
      'task-assigned',
      'start-review',
      'pause',
      'resume',
      'review',
      'decide',
      'conclude',
      'deliver',
    ]);
    expect(steps.map((s: any) => s.toState)).toEqual([
      'RECEIVED',
      'CORRECTION_REQUESTED',
      'CORRECTION_REQUESTED',
      'CORRECTION_REQUESTED',
      'CORRECTION_REQUESTED',
      'CORRECTION_REQUESTED',
      'RECEIVED',
      'ACCEPTED',
      'ACCEPTED',
      'IN_REVIEW',
      'PAUSED',
      'IN_REVIEW',
      'IN_REVIEW',
      'DECIDED',
      'CONCLUDED',
      'DELIVERED',
    ]);
    const decide = steps.find((s: any) => s.action === 'decide');
    expect(decide.actor).toMatchObject({
      type: 'staff',
      id: principals.hepingScjgApprover.sub,
      role: 'approver',
      department: 'SCJG',
    });
    expect(decide.document).toMatchObject({ kind: 'decision-grant' });
    expect(steps.find((s: any) => s.action === 'receive').document.kind).toBe('receipt');
    expect(steps.find((s: any) => s.action === 'request-correction').document.kind).toBe('correction-notice');
    expect(steps.find((s: any) => s.action === 'accept').document.kind).toBe('acceptance');
    expect((await t.call(principals.citizen, 'GET', `/applications/${id}/timeline/verify`)).json()).toEqual({
      valid: true,
      steps: 16,
    });

    expect(await events(id)).toEqual([
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
  });

  it('an instant item: accepted, decided and concluded in one visit; no task; then delivered at the window', async () => {
    const recv = await t.call(principals.cityClerkApprover, 'POST', '/window/applications', {
      itemCode: 'GG-RS-003',
      formData: {},
      materials: [],
      applicant: { type: 'citizen', name: '王五', idNumber: RESIDENT_ID, userId: 'u-wangwu' },
    });
    expect(recv.statusCode).toBe(201);
    const id = recv.json().id;
    const denied = await t.call(principals.cityClerk, 'POST', `/window/applications/${id}/instant-decision`, {
      outcome: 'granted',
      reasons: '当场办结',
      legalBasis: [],
    });
    expect(denied.statusCode).toBe(403); // a clerk without the authority
    const done = await t.call(principals.cityClerkApprover, 'POST', `/window/applications/${id}/instant-decision`, {
      outcome: 'granted',
      reasons: '当场办结',
      legalBasis: ['《社会保险法》'],
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      state: 'CONCLUDED',
      outcome: 'granted',
      clock: { acceptedOn: todayInShanghai() },
    });
    expect(
      (await t.call(principals.cityClerk, 'POST', `/window/applications/${id}/deliver`, { mode: 'window' })).json()
        .state,
    ).toBe('DELIVERED');
    expect(await events(id)).toEqual(['received', 'accepted', 'decided', 'concluded', 'delivered']);
    // The 'accepted' event was consumed (instant) and made no task.
    await waitFor(
      async () =>
        (
          await t.ds.query(
            `select 1 from inbox_event where consumer = 'intake-tasks' and type = 'intake.application.accepted'`,
          )
        ).length > 0,
      30_000,
    );
    expect(await t.ds.query('select id from task where application_id = $1', [id])).toEqual([]);
  });

  it('deemed acceptance: no intake decision within 5 working days → accepted as of the receipt date, by the system', async () => {
    const today = todayInShanghai();
    const res = await t.call(
      principals.citizen,
      'POST',
      '/applications',
      {
        itemCode: 'XK-JT-001',
        applicantIdNumber: RESIDENT_ID,
        formData: { licenceClass: 'C1' },
        materials: [],
      },
      { 'idempotency-key': 'e2e-deemed-0001' },
    );
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const fifth = cal.addWorkingDays(today, 5);
    expect((await t.clock.runOnce(fifth)).deemedAccepted).not.toContain(id); // still within the period on the 5th working day
    const after = addDays(fifth, 1);
    expect((await t.clock.runOnce(after)).deemedAccepted).toContain(id);
    const view = (await t.call(principals.citizen, 'GET', `/applications/${id}`)).json();
    expect(view).toMatchObject({
      state: 'ACCEPTED',
      clock: {
        deemedAccepted: true,
        acceptedOn: today,
        promisedDue: cal.addWorkingDays(today, 3),
        legalDue: cal.addWorkingDays(today, 20),
      },
    });
    const steps = (await t.call(principals.citizen, 'GET', `/applications/${id}/timeline`)).json().steps;
    expect(steps.at(-2) ?? steps.at(-1)).toBeDefined();
    const deem = steps.find((s: any) => s.action === 'deem-accept');
    expect(deem).toMatchObject({
      fromState: 'RECEIVED',
      toState: 'ACCEPTED',
      actor: { type: 'system', id: 'intake-clock' },
      document: { kind: 'acceptance' },
    });
    expect((await t.clock.runOnce(after)).deemedAccepted).not.toContain(id); // once only
    const task = await taskFor(id, principals.jtReviewer);
    expect(task.clock).toMatchObject({ acceptedOn: today, deemedAccepted: true });
    expect(await events(id)).toEqual(['received', 'deemed-accepted', 'task-assigned']);
    // The department system decides through the exchange API path.
    const decided = await t.call(principals.jtSystem, 'POST', '/department/decisions', {
      taskId: task.id,
      outcome: 'refused',
      reasons: '驾驶经历不满三年',
      legalBasis: ['《网络预约出租汽车经营服务管理暂行办法》第十四条'],
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'DONE', outcome: 'refused', applicationState: 'DECIDED' });
  });

  it('gap acceptance: secondary materials promised with a due date; reminded before, reported when overdue', async () => {
    const today = todayInShanghai();
    const recv = await t.call(
      principals.hepingClerk,
      'POST',
      '/window/applications',
      {
        itemCode: 'XK-SCJG-001',
        formData: { shopName: '南京路面馆' },
        materials: [
          { code: 'M01', paper: true },
          { code: 'M02', eLicenceRef: 'EL-YYZZ-3' },
          { code: 'M03', paper: true },
        ],
        applicant: { type: 'enterprise', name: '天津示例餐饮有限公司', idNumber: '91120101MA05T8K25N' },
      },
      { 'idempotency-key': 'e2e-gap-000001' },
    );
    expect(recv.statusCode).toBe(201);
    const id = recv.json().id;
    expect((await t.call(principals.hepingClerk, 'POST', `/window/applications/${id}/accept`, {})).statusCode).toBe(
      422,
    ); // incomplete
    const noCommitment = await t.call(principals.hepingClerk, 'POST', `/window/applications/${id}/gap-accept`, {
      commitment: { signedBy: '李经理' },
    });
    expect(noCommitment.statusCode).toBe(422);
    const gap = await t.call(principals.hepingClerk, 'POST', `/window/applications/${id}/gap-accept`, {
      commitment: { signedBy: '李经理', paper: true },
    });
    expect(gap.statusCode).toBe(200);
    const dueOn = cal.addNaturalDays(today, 60);
    expect(gap.json()).toMatchObject({ state: 'ACCEPTED', clock: { gapAccepted: true, acceptedOn: today } });
    const promised = gap.json().materials.filter((m: any) => m.status === 'promised');
    expect(promised.map((m: any) => [m.code, m.dueOn])).toEqual([
      ['M04', dueOn],
      ['M05', dueOn],
    ]);
    expect(gap.json().materials.find((m: any) => m.code === 'COMMITMENT')).toMatchObject({ status: 'provided' });
    // The enterprise (owner) follows it online; the task reaches the department.
    expect((await t.call(principals.enterprise, 'GET', `/applications/${id}`)).statusCode).toBe(200);
    await taskFor(id, principals.hepingScjgReviewer);

    // M05 is handed in on time; M04 is not.
    expect(
      (
        await t.call(principals.enterprise, 'POST', `/applications/${id}/materials/M05`, PDF, {
          'content-type': 'application/pdf',
        })
      ).statusCode,
    ).toBe(201);
    const remind = await t.clock.runOnce(addDays(dueOn, -3));
    expect(remind.reminders).toEqual([{ applicationId: id, materialCode: 'M04' }]);
    expect((await t.clock.runOnce(addDays(dueOn, -2))).reminders).toEqual([]); // once
    expect((await t.clock.runOnce(dueOn)).overdue).toEqual([]); // due today: not yet overdue
    const late = await t.clock.runOnce(addDays(dueOn, 2));
    expect(late.overdue).toEqual([{ applicationId: id, materialCode: 'M04' }]);
    expect((await t.clock.runOnce(addDays(dueOn, 3))).overdue).toEqual([]);
    const [overdueEvent] = await t.ds.query(
      `select envelope from outbox_event where key = $1 and type = 'intake.application.secondary-material-overdue'`,
      [id],
    );
    expect(overdueEvent.envelope.data).toMatchObject({
      material: { code: 'M04' },
      dueOn,
      daysOverdue: 2,
      state: expect.any(String),
      department: 'SCJG',
      division: '120101',
    });
    const steps = (await t.call(principals.enterprise, 'GET', `/applications/${id}/timeline`)).json().steps;
    expect(steps.map((s: any) => s.action)).toEqual(
      expect.arrayContaining([
        'gap-accept',
        'secondary-material-provided',
        'secondary-material-reminder',
        'secondary-material-overdue',
      ]),
    );
    expect(await events(id)).toEqual(
      expect.arrayContaining([
        'received',
        'gap-accepted',
        'task-assigned',
        'secondary-material-reminder',
        'secondary-material-overdue',
      ]),
    );
  });

  it('a bundle (一件事): one form, one set of materials, one intake → one application per item, each to its own department', async () => {
    const bundle = await t.app.get(CatalogueReader).bundle('YJS-001');
    const materials = bundle.materials.map((m) => ({ code: m.code, paper: true }));
    const body = {
      bundleCode: 'YJS-001',
      formData: { shopName: '和平小馆' },
      materials,
      applicant: { type: 'enterprise', name: '天津示例餐饮有限公司', idNumber: '91120101MA05T8K25N' },
    };
    const first = await t.call(principals.hepingClerk, 'POST', '/window/applications', body, {
      'idempotency-key': 'e2e-bundle-0001',
    });
    expect(first.statusCode).toBe(201);
    const apps = first.json().applications;
    expect(first.json().bundleCode).toBe('YJS-001');
    expect(apps.map((a: any) => [a.item.code, a.department, a.division]).sort()).toEqual([
      ['XK-CG-001', 'CG', '120101'],
      ['XK-SCJG-001', 'SCJG', '120101'],
      ['XK-WJ-001', 'WJ', '120101'],
    ]);
    expect(new Set(apps.map((a: any) => a.bundleGroup)).size).toBe(1);
    expect(new Set(apps.map((a: any) => a.number)).size).toBe(3);
    // Each item read its own materials from the merged list: all complete, none asked twice.
    for (const a of apps) expect(a.materials.filter((m: any) => m.status === 'missing')).toEqual([]);
    const again = await t.call(principals.hepingClerk, 'POST', '/window/applications', body, {
      'idempotency-key': 'e2e-bundle-0001',
    });
    expect(again.statusCode).toBe(200);
    expect(
      again
        .json()
        .applications.map((a: any) => a.id)
        .sort(),
    ).toEqual(apps.map((a: any) => a.id).sort());
    expect(
      Number(
        (
          await t.ds.query('select count(*)::int as n from application where bundle_group = $1', [apps[0].bundleGroup])
        )[0].n,
      ),
    ).toBe(3);
    // The enterprise sees all three online; each is accepted on its own course.
    const mine = (await t.call(principals.enterprise, 'GET', '/applications')).json().map((a: any) => a.id);
    expect(mine).toEqual(expect.arrayContaining(apps.map((a: any) => a.id)));
    const cg = apps.find((a: any) => a.department === 'CG');
    expect(
      (await t.call(principals.hepingClerk, 'POST', `/window/applications/${cg.id}/accept`, {})).json().state,
    ).toBe('ACCEPTED');
  });
});
