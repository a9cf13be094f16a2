import { principals } from '@onewindow/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ItemDefinition } from '../src/catalogue/catalogue.types';
import { bootCatalogueTestApp, type CatalogueTestApp } from '../src/catalogue/testing/catalogue-test-app';
import { validDefinition } from '../src/catalogue/testing/fixtures';

/**
 * The C4 report on a known small catalogue built through the admin API (demo seed off), with the
 * figures worked out by hand below. Drafts, superseded versions and withdrawn items do not count.
 */
describe('catalogue report (C4) on a known catalogue', () => {
  let t: CatalogueTestApp;
  let admin: string;

  const call = (method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      payload: payload as InjectOptions['payload'],
      headers: { authorization: `Bearer ${admin}` },
    }) as Promise<LightMyRequestResponse>;
  const expectStatus = async (p: Promise<LightMyRequestResponse>, status: number) => {
    const r = await p;
    expect([r.statusCode, r.body]).toEqual([status, expect.anything()]);
    return r;
  };
  const item = (
    code: string,
    department: string,
    legalLimitDays: number,
    promisedLimitDays: number,
    visits: number,
    more: Partial<ItemDefinition> = {},
  ) => validDefinition({ code, department, legalLimitDays, promisedLimitDays, visits, ...more });
  const createAndPublish = async (d: ItemDefinition) => {
    await expectStatus(call('POST', '/catalogue/items', d), 201);
    await expectStatus(call('POST', `/catalogue/items/${d.code}/versions/1/publish`), 200);
  };

  beforeAll(async () => {
    t = await bootCatalogueTestApp('catalogue_report', { seedDemo: false });
    admin = await t.token(principals.catalogueAdmin);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('with the demo seed off: departments (reference data) but no items or bundles', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/catalogue/items' })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/catalogue/bundles' })).json()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/catalogue/departments' })).json()).toHaveLength(13);
    const empty = (await t.app.inject({ method: 'GET', url: '/catalogue/report' })).json();
    expect(empty).toMatchObject({ departments: [], overall: null });
  });

  it('an unknown department is a publication rule violation (422)', async () => {
    const d = item('XK-NOPE-001', 'NOPE', 20, 5, 0);
    await expectStatus(call('POST', '/catalogue/items', d), 201);
    const r = await expectStatus(call('POST', '/catalogue/items/XK-NOPE-001/versions/1/publish'), 422);
    expect(r.json().details).toEqual([expect.objectContaining({ rule: 'unknown-department', field: 'department' })]);
  });

  it('reports exact figures per department and overall', async () => {
    await createAndPublish(item('XK-SCJG-101', 'SCJG', 20, 5, 0)); // 0.75
    await createAndPublish(item('XK-SCJG-102', 'SCJG', 20, 10, 3)); // v1: 0.5, 3 visits, superseded below
    const { code: _c, ...v2 } = item('XK-SCJG-102', 'SCJG', 20, 8, 1); // v2: exactly 0.6, 1 visit
    await expectStatus(call('POST', '/catalogue/items/XK-SCJG-102/versions', v2), 201);
    await expectStatus(call('POST', '/catalogue/items/XK-SCJG-102/versions/2/publish'), 200);
    await createAndPublish(item('GG-GA-101', 'GA', 1, 0, 2, { mode: 'instant' })); // 1.0, 2 visits
    await createAndPublish(item('XK-GA-102', 'GA', 15, 10, 1)); // 1/3
    await createAndPublish(item('XK-ZJ-101', 'ZJ', 7, 3, 0)); // 4/7
    await createAndPublish(item('XK-HB-101', 'HB', 60, 50, 5)); // withdrawn below: not counted
    await expectStatus(call('POST', '/catalogue/items/XK-HB-101/withdraw', { reason: '测试撤销 (test)' }), 200);
    await expectStatus(call('POST', '/catalogue/items', item('XK-FG-101', 'FG', 20, 19, 4)), 201); // draft only: not counted

    const r = await t.app.inject({ method: 'GET', url: '/catalogue/report' });
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.departments).toEqual([
      {
        department: 'GA',
        departmentName: '市公安局',
        items: 2,
        averageCompression: 0.6667,
        minimumCompression: 0.3333,
        shareCompressedAtLeast60: 0.5,
        shareAtMostOneVisit: 0.5,
        meetsCompressionTarget: true,
        meetsVisitTarget: false,
      },
      {
        department: 'SCJG',
        departmentName: '市市场监督管理委员会',
        items: 2,
        averageCompression: 0.675,
        minimumCompression: 0.6,
        shareCompressedAtLeast60: 1,
        shareAtMostOneVisit: 1,
        meetsCompressionTarget: true,
        meetsVisitTarget: true,
      },
      {
        department: 'ZJ',
        departmentName: '市住房和城乡建设委员会',
        items: 1,
        averageCompression: 0.5714,
        minimumCompression: 0.5714,
        shareCompressedAtLeast60: 0,
        shareAtMostOneVisit: 1,
        meetsCompressionTarget: false,
        meetsVisitTarget: true,
      },
    ]);
    // (0.75 + 0.6 + 1 + 1/3 + 4/7) / 5 = 0.65095…
    expect(report.overall).toEqual({
      items: 5,
      averageCompression: 0.651,
      minimumCompression: 0.3333,
      shareCompressedAtLeast60: 0.6,
      shareAtMostOneVisit: 0.8,
      meetsCompressionTarget: true,
      meetsVisitTarget: false,
    });
    expect(report.targets).toEqual({ compression: 0.6, atMostOneVisit: 0.9 });

    const departments = (await t.app.inject({ method: 'GET', url: '/catalogue/departments' })).json();
    expect(
      Object.fromEntries(
        departments
          .filter((d: { items: number }) => d.items > 0)
          .map((d: { code: string; items: number }) => [d.code, d.items]),
      ),
    ).toEqual({ GA: 2, SCJG: 2, ZJ: 1 });
  });
});
