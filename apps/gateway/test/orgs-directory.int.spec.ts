import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bootIdentityTestApp } from '../src/identity/testing/identity-test-app';
import { OrgDirectoryService } from '../src/orgs/org-directory.service';

describe('gateway organisations (G3) on real Postgres', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    // No demo users needed here: organisations are reference data, seeded on their own.
    ({ app, close } = await bootIdentityTestApp('orgs', { OW_SEED_DEMO: 'false' }));
  });
  afterAll(() => close?.());

  it('the tree: the city with its 16 districts, Heping with its sample streets', async () => {
    const res = await get('/orgs/tree');
    expect(res.statusCode).toBe(200);
    const tree = res.json();
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ code: '120000', name: '天津市', level: 'city', parentCode: null });
    expect(tree[0].children).toHaveLength(16);
    expect(
      tree[0].children.every(
        (d: { level: string; code: string }) => d.level === 'district' && /^1201\d\d$/.test(d.code),
      ),
    ).toBe(true);
    const heping = tree[0].children.find((d: { code: string }) => d.code === '120101');
    expect(heping.name).toBe('和平区');
    expect(heping.children.map((s: { name: string }) => s.name)).toContain('劝业场街道');
    expect(heping.children.every((s: { level: string }) => s.level === 'street')).toBe(true);
  });

  it('one division with its ancestors, children, departments and centre', async () => {
    const res = await get('/orgs/divisions/120101');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      code: '120101',
      name: '和平区',
      level: 'district',
      parentCode: '120000',
      serviceCentre: { id: 'SC-120101', name: '和平区政务服务中心' },
    });
    expect(d.ancestors.map((a: { code: string }) => a.code)).toEqual(['120000']);
    expect(d.children).toHaveLength(6);
    expect(d.departments.map((x: { id: string }) => x.id).sort()).toEqual(['SCJG-120101', 'XZSP-120101']);
    const street = (await get('/orgs/divisions/120101001')).json();
    expect(street).toMatchObject({
      name: '劝业场街道',
      level: 'street',
      serviceCentre: { id: 'SC-120101001', name: '劝业场街道便民服务中心' },
    });
    expect(street.ancestors.map((a: { code: string }) => a.code)).toEqual(['120000', '120101']);
  });

  it('unknown code: 404; malformed code: 400 with details', async () => {
    const unknown = await get('/orgs/divisions/120199');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) });
    for (const bad of ['12010', 'abcdef', '1201010', '120101%20OR%201%3D1']) {
      const res = await get(`/orgs/divisions/${bad}`);
      expect([bad, res.statusCode]).toEqual([bad, 400]);
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ field: 'code' }] });
    }
  });

  it('departments by level and division', async () => {
    const city = (await get('/orgs/departments?level=city')).json();
    expect(city).toHaveLength(13);
    expect(city.find((d: { code: string }) => d.code === 'SCJG')).toMatchObject({
      id: 'SCJG-120000',
      name: '市市场监督管理委员会',
      division: '120000',
    });
    const approval = (await get('/orgs/departments?level=district&code=XZSP')).json();
    expect(approval).toHaveLength(16);
    expect(approval.find((d: { division: string }) => d.division === '120104').name).toBe('南开区行政审批局');
    expect(
      (await get('/orgs/departments?division=120104'))
        .json()
        .map((d: { id: string }) => d.id)
        .sort(),
    ).toEqual(['SCJG-120104', 'XZSP-120104']);
    expect((await get('/orgs/departments?under=120000')).json()).toHaveLength(13 + 32);
    expect((await get('/orgs/departments?division=120101001')).json()).toEqual([]);
  });

  it('service centres: the city centre, 16 district centres, the street centres', async () => {
    const all = (await get('/orgs/service-centres')).json();
    expect(all.filter((c: { level: string }) => c.level === 'city')).toEqual([
      expect.objectContaining({ id: 'SC-120000', name: '天津市政务服务中心' }),
    ]);
    expect(all.filter((c: { level: string }) => c.level === 'district')).toHaveLength(16);
    expect(all.filter((c: { level: string }) => c.level === 'street')).toHaveLength(6);
    expect((await get('/orgs/service-centres?division=120116')).json()).toEqual([
      expect.objectContaining({ name: '滨海新区政务服务中心' }),
    ]);
    expect((await get('/orgs/service-centres?under=120101')).json()).toHaveLength(7);
  });

  it('malformed or unknown query parameters: 400', async () => {
    for (const url of [
      '/orgs/departments?level=province',
      '/orgs/departments?division=12',
      '/orgs/departments?colour=red',
      '/orgs/service-centres?division=x',
      '/orgs/departments?code=scjg',
    ]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 400]);
      expect(res.json().details).toEqual(expect.any(Array));
    }
  });

  it('the routes are public, a stale token does not matter', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/orgs/tree',
      headers: { authorization: 'Bearer expired.or.garbage' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('OrgDirectoryService for the rest of the gateway', () => {
    const orgs = app.get(OrgDirectoryService);
    expect(orgs.isWithin('120101001', '120101')).toBe(true);
    expect(orgs.isWithin('120104', '120101')).toBe(false);
    expect(orgs.isWithin('120104', '120000')).toBe(true);
    expect(orgs.division('120104')?.name).toBe('南开区');
    expect(orgs.department('XZSP', '120101')?.name).toBe('和平区行政审批局');
    expect(orgs.department('XZSP', '120000')).toBeUndefined();
    expect(orgs.serviceCentreFor('120101003')?.id).toBe('SC-120101003');
    expect(orgs.serviceCentreFor('120104')?.id).toBe('SC-120104');
    expect(orgs.ancestors('120101001').map((d) => d.level)).toEqual(['city', 'district', 'street']);
  });

  it('the OpenAPI document describes the identity and org routes (G5, S4)', async () => {
    const doc = (await get('/openapi.json')).json();
    for (const p of [
      '/auth/login',
      '/auth/refresh',
      '/auth/token',
      '/auth/exchange',
      '/auth/.well-known/jwks.json',
      '/auth/me',
      '/orgs/tree',
      '/orgs/divisions/{code}',
      '/orgs/departments',
      '/orgs/service-centres',
    ]) {
      expect([p, Boolean(doc.paths[p])]).toEqual([p, true]);
    }
    expect(doc.components.schemas.LoginDto.required).toEqual(['username', 'password']);
    expect(Object.keys(doc.paths['/auth/token'].post.requestBody.content)).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
    ]);
    expect(doc.paths['/orgs/departments'].get.parameters.map((x: { name: string }) => x.name).sort()).toEqual([
      'code',
      'division',
      'level',
      'under',
    ]);
  });

  it('seeding again changes nothing (idempotent)', async () => {
    const orgs = app.get(OrgDirectoryService);
    const before = JSON.stringify(orgs.tree());
    await orgs.seed();
    await orgs.refresh();
    expect(JSON.stringify(orgs.tree())).toBe(before);
    expect(orgs.departments()).toHaveLength(45);
  });
});
