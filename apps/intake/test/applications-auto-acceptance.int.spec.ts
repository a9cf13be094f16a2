import { todayInShanghai } from '@onewindow/calendar';
import { principals, waitFor } from '@onewindow/testing';
import { ApplicationRepository } from '../src/applications/application.repository';
import { bootIntakeTestApp, IntakeTestApp, RESIDENT_ID } from '../src/applications/testing/intake-test-app';
import { material, validDefinition } from '../src/catalogue/testing/fixtures';
import { ASSIGNMENT_READ } from '../src/tasks/task-assignment.repository';
import { TaskRepository } from '../src/tasks/task.repository';

// 自动受理: GG-RS-002 (社会保障卡补领) is an online item whose only material is an e-licence, marked
// autoAccept in the catalogue. A complete online submission is accepted by the system in the same
// statement as its receipt, and the department task follows through Kafka like any acceptance.
const rsReviewer = principals.rsStaff;
const catalogueAdmin = principals.catalogueAdmin;
// Not ID-card-only: an online application without the e-licence is incomplete.
const twoLicenceItem = validDefinition({
  code: 'GG-TEST-AUTO',
  name: '自动受理测试事项',
  kind: 'public-service',
  level: 'city',
  department: 'RS',
  twoStepReview: false,
  autoAccept: true,
  receivableAt: ['city', 'district', 'street'],
  materials: [
    material('M01', '户口簿', 'primary', { eLicence: true }),
    material('M02', '居住证', 'primary', { eLicence: true }),
  ],
});
const complete = {
  itemCode: 'GG-RS-002',
  applicantIdNumber: RESIDENT_ID,
  formData: { reason: '遗失' },
  materials: [{ code: 'M01', eLicenceRef: 'EL-SFZ-0001' }],
};

describe('automatic acceptance of complete online applications (自动受理, real Postgres + Kafka)', () => {
  let t: IntakeTestApp;
  beforeAll(async () => {
    t = await bootIntakeTestApp('autoaccept');
    expect((await t.call(catalogueAdmin, 'POST', '/catalogue/items', twoLicenceItem)).statusCode).toBe(201);
    expect(
      (await t.call(catalogueAdmin, 'POST', '/catalogue/items/GG-TEST-AUTO/versions/1/publish', {})).statusCode,
    ).toBe(200);
  });
  afterAll(async () => t?.close());

  const events = async (id: string) =>
    (await t.ds.query(`select type, envelope from outbox_event where key = $1 order by seq`, [id])) as {
      type: string;
      envelope: any;
    }[];

  it('accepts at submission: both steps chained, receipt and acceptance notice, received + accepted events, then the task', async () => {
    const res = await t.call(principals.citizen, 'POST', '/applications', complete, {
      'idempotency-key': 'auto-key-0001',
    });
    expect(res.statusCode).toBe(201);
    const app = res.json();
    const today = todayInShanghai();
    expect(app).toMatchObject({ state: 'ACCEPTED', item: { code: 'GG-RS-002' } });
    expect(app.clock.promisedDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(app.clock.legalDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const timeline = (await t.call(principals.citizen, 'GET', `/applications/${app.id}/timeline`)).json().steps;
    expect(timeline.map((s: any) => [s.action, s.fromState, s.toState])).toEqual([
      ['receive', null, 'RECEIVED'],
      ['accept', 'RECEIVED', 'ACCEPTED'],
    ]);
    expect(timeline[1]).toMatchObject({
      actor: { type: 'system', id: 'intake-auto-acceptance' },
      document: { kind: 'acceptance' },
    });
    expect(timeline[0].document.kind).toBe('receipt');
    expect((await t.call(principals.citizen, 'GET', `/applications/${app.id}/timeline/verify`)).json()).toEqual({
      valid: true,
      steps: 2,
    });

    const docs = await t.ds.query(`select kind from document where application_id = $1 order by number`, [app.id]);
    expect(docs.map((d: any) => d.kind).sort()).toEqual(['acceptance', 'receipt']);
    const accepted = (await events(app.id)).find((e) => e.type === 'intake.application.accepted')!;
    expect(accepted.envelope.data).toMatchObject({
      acceptedOn: today,
      instant: false,
      automatic: true,
      state: 'ACCEPTED',
      promisedDue: app.clock.promisedDue,
    });

    const task = await waitFor(
      async () => ((await t.call(rsReviewer, 'GET', '/tasks')).json() as any[]).find((x) => x.applicationId === app.id),
      30_000,
      100,
      'the task',
    );
    expect(task).toMatchObject({ state: 'OPEN', item: { code: 'GG-RS-002' }, applicationState: 'ACCEPTED' });
    expect((await events(app.id)).map((e) => e.type.replace('intake.application.', ''))).toEqual([
      'received',
      'accepted',
      'task-assigned',
    ]);
    const verify = (await t.call(principals.citizen, 'GET', `/applications/${app.id}/timeline/verify`)).json();
    expect(verify).toEqual({ valid: true, steps: 3 });
  });

  it('the same key again returns the accepted application (200) and writes nothing more', async () => {
    const again = await t.call(principals.citizen, 'POST', '/applications', complete, {
      'idempotency-key': 'auto-key-0001',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().state).not.toBe('RECEIVED');
    const [{ n }] = await t.ds.query(
      `select count(*)::int as n from application where idempotency_key = 'auto-key-0001'`,
    );
    expect(n).toBe(1);
  });

  it('an incomplete online application is only received: a clerk decides', async () => {
    const res = await t.call(
      principals.citizen,
      'POST',
      '/applications',
      { itemCode: 'GG-TEST-AUTO', formData: {}, materials: [{ code: 'M01', eLicenceRef: 'EL-HKB-0001' }] },
      { 'idempotency-key': 'auto-key-0002' },
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('RECEIVED');
    const whole = await t.call(
      principals.citizen,
      'POST',
      '/applications',
      {
        itemCode: 'GG-TEST-AUTO',
        formData: {},
        materials: [
          { code: 'M01', eLicenceRef: 'EL-HKB-0001' },
          { code: 'M02', eLicenceRef: 'EL-JZZ-0001' },
        ],
      },
      { 'idempotency-key': 'auto-key-0004' },
    );
    expect(whole.json().state).toBe('ACCEPTED');
    expect((await events(res.json().id)).map((e) => e.type)).toEqual(['intake.application.received']);
  });

  it('a window submission of the same item waits for the clerk, complete or not', async () => {
    const res = await t.call(
      principals.cityClerk,
      'POST',
      '/window/applications',
      {
        itemCode: 'GG-RS-002',
        formData: {},
        materials: [{ code: 'M01', eLicenceRef: 'EL-SFZ-0002' }],
        applicant: { type: 'citizen', idNumber: RESIDENT_ID, name: '张三' },
      },
      { 'idempotency-key': 'auto-key-0003' },
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('RECEIVED');
  });

  // Last: these fill this database with 2,000 copies of an accepted online application and its task.
  describe('reads that grow with the tables use their indexes', () => {
    const plan = async (sql: string, params: unknown[]) =>
      (await t.ds.query(`explain ${sql}`, params)).map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    beforeAll(async () => {
      const [{ id: model }] = await t.ds.query(`select application_id as id from task limit 1`);
      await t.ds.query(
        `
        insert into application
        select (jsonb_populate_record(null::application, to_jsonb(a) || jsonb_build_object('id', gen_random_uuid(), 'number', a.number || '-' || g, 'idempotency_key', null))).*
        from application a, generate_series(1, 2000) g where a.id = $1`,
        [model],
      );
      await t.ds.query(
        `
        insert into task
        select (jsonb_populate_record(null::task, to_jsonb(k) || jsonb_build_object('id', gen_random_uuid(), 'application_id', a.id, 'application_number', a.number))).*
        from task k, application a where k.application_id = $1 and a.number like '%-%'`,
        [model],
      );
      await t.ds.query('analyze application; analyze task; analyze application_step');
    });

    // Postgres planned `exists (select 1 from task ...)` as a hash of the whole task table for a long
    // run, or when its statistics lagged a fast-growing table (the benchmark: 3.5 ms a run, growing
    // with every task ever created). A run of 300 over 2,000 tasks is planned so with `exists`.
    it("a run of accepted applications probes task's index per application, never scans the task table", async () => {
      const ids = (
        await t.ds.query(`select id from application where number like '%-%' order by random() limit 300`)
      ).map((r: { id: string }) => r.id);
      const p = await plan(ASSIGNMENT_READ, [ids]);
      expect(p).toMatch(/Index (Only )?Scan using task_application_id_key on task/);
      expect(p).not.toMatch(/Seq Scan on task/);
    });

    it("a department's queue reads a page along the index of active (or closed) tasks in queue order, without sorting the backlog", async () => {
      const tasks = t.app.get(TaskRepository);
      const active = await plan(...tasks.queueQuery(rsReviewer).getQueryAndParameters());
      expect(active).toMatch(/Index Scan using task_active_queue on task/);
      expect(active).not.toMatch(/Sort|Seq Scan/);
      expect(await plan(...tasks.queueQuery(rsReviewer, 'OPEN').getQueryAndParameters())).toMatch(
        /Index Scan using task_active_queue on task/,
      );
      expect(await plan(...tasks.queueQuery(rsReviewer, 'DONE').getQueryAndParameters())).toMatch(
        /Index Scan using task_closed_queue on task/,
      );
      const queue = (await t.call(rsReviewer, 'GET', '/tasks')).json() as { createdAt: string }[];
      expect(queue).toHaveLength(200);
      expect(queue.map((x) => x.createdAt)).toEqual(queue.map((x) => x.createdAt).sort());
    });

    // Statistics on payloads nobody filters on only cost analyze its CPU, in bursts amid the writes.
    it('analyze keeps no statistics on payload columns, and keeps them on the columns queries filter on', async () => {
      await t.ds.query('analyze document; analyze outbox_event');
      const stats = (
        await t.ds.query(`select tablename || '.' || attname as c from pg_stats where schemaname = 'public'`)
      ).map((r: { c: string }) => r.c);
      for (const payload of [
        'application.form_data',
        'application_step.detail',
        'application_step.hash',
        'document.fields',
        'document.content_hash',
        'outbox_event.envelope',
      ]) {
        expect(stats).not.toContain(payload);
      }
      for (const filtered of [
        'application.state',
        'application.applicant_subject',
        'task.department',
        'outbox_event.published_at',
      ])
        expect(stats).toContain(filtered);
    });

    it("a window clerk's list reads each half along its own index and merges them newest first", async () => {
      const halves = t.app.get(ApplicationRepository).centreHalves(principals.cityClerk);
      const plans = await Promise.all(halves.map((qb) => plan(...qb.getQueryAndParameters())));
      expect(plans[0]).toMatch(/Index Scan using application_window_receiving on application/);
      expect(plans[1]).toMatch(/Index Scan using application_online_receiving on application/);
      for (const p of plans) expect(p).not.toMatch(/Seq Scan on application|Sort/);
      // The window submission (newer than every online copy) first, then the newest online ones.
      const list = (
        (await t.call(principals.cityClerk, 'GET', '/window/applications')).json() as {
          receivedAt: { channel: string };
          clock: { receivedAt: string };
        }[]
      ).map((a) => ({ channel: a.receivedAt.channel, at: a.clock.receivedAt }));
      expect(list).toHaveLength(200);
      expect(list[0].channel).toBe('window');
      expect(list.slice(1).every((a) => a.channel === 'online')).toBe(true);
      expect(list.map((a) => a.at)).toEqual(
        list
          .map((a) => a.at)
          .sort()
          .reverse(),
      );
    });
  });
});
