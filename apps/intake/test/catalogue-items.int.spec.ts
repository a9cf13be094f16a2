import type { InjectOptions } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { pgConnectionFromEnv } from '@onewindow/persistence';
import { principals } from '@onewindow/testing';
import { CatalogueReader } from '../src/catalogue/catalogue.types';
import { CatalogueSeederService } from '../src/catalogue/seed/catalogue-seeder.service';
import { catalogueSeed } from '../src/catalogue/seed/seed-file';
import { bootCatalogueTestApp, type CatalogueTestApp } from '../src/catalogue/testing/catalogue-test-app';

/** Who the catalogue is read and edited as: an applicant, a clerk without the role, the centre's and a department's catalogue admins. */
const CALLERS = ['citizen', 'cityClerk', 'catalogueAdmin', 'jtCatalogueAdmin'] as const;
type Caller = (typeof CALLERS)[number];

/** The seeded catalogue on the real Postgres: public reading and search, the reader contract, admin editing. */
describe('catalogue (C1–C6) on real Postgres', () => {
  let t: CatalogueTestApp;
  let pg: Client;
  let reader: CatalogueReader;
  const tokens: Record<Caller, string> = {} as never;

  const call = (
    method: InjectOptions['method'],
    url: string,
    who?: Caller,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      payload: payload as InjectOptions['payload'],
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    }) as Promise<LightMyRequestResponse>;
  const get = (url: string, who?: Caller) => call('GET', url, who);
  const codesOf = (r: LightMyRequestResponse) => (r.json().items as { code: string }[]).map((i) => i.code);
  const count = async (sql: string, params: unknown[] = []) => Number((await pg.query(sql, params)).rows[0].n);
  const seededPublished = catalogueSeed.items
    .filter((i) => i.state === 'published')
    .map((i) => i.versions.at(-1)!.definition);
  const definitionOf = (code: string) =>
    JSON.parse(
      JSON.stringify(
        catalogueSeed.items.find((i) => i.versions.at(-1)!.definition.code === code)!.versions.at(-1)!.definition,
      ),
    );
  const bodyOf = (code: string) => {
    const { code: _drop, ...rest } = definitionOf(code);
    return rest;
  };

  beforeAll(async () => {
    t = await bootCatalogueTestApp('catalogue', { seedDemo: true });
    for (const k of CALLERS) tokens[k] = await t.token(principals[k]);
    const conn = pgConnectionFromEnv(t.database);
    pg = new Client({ ...conn, user: conn.username });
    await pg.connect();
    reader = t.app.get(CatalogueReader);
  });

  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  describe('seed (C6)', () => {
    it('loads departments, items with their versions, and bundles', async () => {
      expect(await count('select count(*)::int n from catalogue_department')).toBe(catalogueSeed.departments.length);
      expect(await count('select count(*)::int n from catalogue_item')).toBe(catalogueSeed.items.length);
      expect(await count(`select count(*)::int n from catalogue_item_version where status = 'published'`)).toBe(
        seededPublished.length,
      );
      expect(await count('select count(*)::int n from catalogue_bundle')).toBe(2);
      const food = await pg.query(
        `select version, status from catalogue_item_version where item_code = 'XK-SCJG-001' order by version`,
      );
      expect(food.rows).toEqual([
        { version: 1, status: 'superseded' },
        { version: 2, status: 'published' },
      ]);
    });

    it('is idempotent: a second run inserts nothing and duplicates no version', async () => {
      const before = await count('select count(*)::int n from catalogue_item_version');
      expect(await t.app.get(CatalogueSeederService).seed(catalogueSeed, { demo: true })).toBe(0);
      expect(await count('select count(*)::int n from catalogue_item_version')).toBe(before);
      expect(await count('select count(*)::int n from catalogue_bundle')).toBe(2);
    });

    it('pg_trgm is installed and the search index is a trigram GIN index', async () => {
      expect(await count(`select count(*)::int n from pg_extension where extname = 'pg_trgm'`)).toBe(1);
      const idx = await pg.query(
        `select indexdef from pg_indexes where indexname = 'catalogue_item_version_search_trgm'`,
      );
      expect(idx.rows[0].indexdef).toMatch(/gin \(search_text gin_trgm_ops\)/);
      // The planner can answer a Chinese substring from the index (the table is small, so seq scans are turned off to ask).
      await pg.query('set enable_seqscan = off');
      try {
        const plan = await pg.query(`explain select item_code from catalogue_item_version where search_text ilike $1`, [
          '%食品经营%',
        ]);
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/catalogue_item_version_search_trgm/);
      } finally {
        await pg.query('reset enable_seqscan');
      }
    });
  });

  describe('public search (C3)', () => {
    it('needs no token', async () => {
      const r = await get('/catalogue/items');
      expect(r.statusCode).toBe(200);
      expect(r.json().total).toBe(seededPublished.length);
    });

    it('finds items by a Chinese substring of the name', async () => {
      const r = await get(`/catalogue/items?q=${encodeURIComponent('许可')}&pageSize=100`);
      expect(r.statusCode).toBe(200);
      const expected = seededPublished
        .filter((d) => d.name.includes('许可'))
        .map((d) => d.code)
        .sort();
      expect(expected.length).toBeGreaterThan(5);
      expect(codesOf(r)).toEqual(expected);
      // A three-character substring from the middle of a name (served by the trigram index).
      expect(codesOf(await get(`/catalogue/items?q=${encodeURIComponent('经营许')}`))).toEqual([
        'XK-SCJG-001',
        'XK-YJ-001',
      ]);
      expect(codesOf(await get(`/catalogue/items?q=${encodeURIComponent('食品经营')}`))).toEqual(['XK-SCJG-001']);
      expect(codesOf(await get(`/catalogue/items?q=${encodeURIComponent('卫生')}`))).toEqual(['XK-WJ-001']);
    });

    it('a single character finds names and themes: 餐 finds the 餐饮 items', async () => {
      expect(codesOf(await get(`/catalogue/items?q=${encodeURIComponent('餐')}`))).toEqual([
        'XK-SCJG-001',
        'XK-WJ-001',
      ]);
    });

    it('finds items by code prefix, in any case, and matches % and _ literally', async () => {
      expect(codesOf(await get('/catalogue/items?q=GG-RS'))).toEqual(['GG-RS-001', 'GG-RS-002', 'GG-RS-003']);
      expect(codesOf(await get('/catalogue/items?q=xk-scjg'))).toEqual(['XK-SCJG-001']);
      expect((await get(`/catalogue/items?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
      expect((await get('/catalogue/items?q=_')).json().total).toBe(0);
    });

    it('filters by department, level, kind, theme and online, alone and together', async () => {
      expect(codesOf(await get('/catalogue/items?department=SCJG'))).toEqual(['GG-SCJG-002', 'XK-SCJG-001']);
      expect(codesOf(await get('/catalogue/items?kind=public-service&level=city'))).toEqual([
        'GG-RS-001',
        'GG-RS-002',
        'GG-RS-003',
      ]);
      expect(codesOf(await get(`/catalogue/items?theme=${encodeURIComponent('医药')}`))).toEqual(['XK-YJ-001']);
      expect(codesOf(await get('/catalogue/items?online=false'))).toEqual(['QT-GA-003']);
      const online = (await get('/catalogue/items?online=true')).json().total;
      expect(online).toBe(seededPublished.filter((d) => d.online).length);
      expect(codesOf(await get(`/catalogue/items?q=${encodeURIComponent('许可')}&level=city&department=ZJ`))).toEqual([
        'XK-ZJ-001',
      ]);
      const level = await get('/catalogue/items?level=district&pageSize=100');
      expect(codesOf(level)).toEqual(
        seededPublished
          .filter((d) => d.level === 'district')
          .map((d) => d.code)
          .sort(),
      );
    });

    it('never lists a withdrawn item', async () => {
      expect((await get('/catalogue/items?q=GG-SW')).json().total).toBe(0);
      expect((await get(`/catalogue/items?q=${encodeURIComponent('税务登记')}`)).json().total).toBe(0);
    });

    it('paginates with the total over all pages', async () => {
      const all = codesOf(await get('/catalogue/items?pageSize=100'));
      const pages = [];
      for (let page = 1; page <= 4; page++) {
        const r = await get(`/catalogue/items?page=${page}&pageSize=5`);
        expect(r.json()).toMatchObject({ total: all.length, page, pageSize: 5 });
        pages.push(...codesOf(r));
      }
      expect(pages).toEqual(all);
      const beyond = await get('/catalogue/items?page=9&pageSize=5');
      expect(beyond.json()).toMatchObject({ items: [], total: all.length });
    });

    it('refuses malformed and unknown query parameters with 400 and details', async () => {
      for (const qs of [
        'page=0',
        'pageSize=101',
        'page=abc',
        'online=yes',
        'level=province',
        'kind=x',
        'department=scjg',
        'sort=name',
        `q=${'字'.repeat(51)}`,
      ]) {
        const r = await get(`/catalogue/items?${qs}`);
        expect([qs, r.statusCode]).toEqual([qs, 400]);
        expect(r.json().details.length).toBeGreaterThan(0);
      }
    });
  });

  describe('public reading', () => {
    it('an item is its current published version', async () => {
      const r = await get('/catalogue/items/XK-SCJG-001');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        itemCode: 'XK-SCJG-001',
        version: 2,
        status: 'published',
        definition: definitionOf('XK-SCJG-001'),
        withdrawnReason: null,
      });
    });

    it('unknown items, versions and bundles are 404; malformed codes 400', async () => {
      const r = await get('/catalogue/items/XK-NOPE-999');
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({ statusCode: 404, error: 'Not Found', message: '事项不存在 (item not found)' });
      expect(r.json().requestId).toBeTruthy();
      expect((await get('/catalogue/items/XK-SCJG-001/versions/9')).statusCode).toBe(404);
      expect((await get('/catalogue/items/XK-NOPE-999/versions/1')).statusCode).toBe(404);
      expect((await get('/catalogue/items/XK-NOPE-999/versions')).statusCode).toBe(404);
      expect((await get('/catalogue/bundles/YJS-999')).statusCode).toBe(404);
      expect((await get('/catalogue/items/not%20a%20code')).statusCode).toBe(400);
      expect((await get('/catalogue/items/XK-SCJG-001/versions/0')).statusCode).toBe(400);
      expect((await get('/catalogue/items/XK-SCJG-001/versions/one')).statusCode).toBe(400);
    });

    it('old versions stay readable (C2)', async () => {
      const v1 = await get('/catalogue/items/XK-SCJG-001/versions/1');
      expect(v1.statusCode).toBe(200);
      expect(v1.json()).toMatchObject({
        version: 1,
        status: 'superseded',
        definition: { promisedLimitDays: 10, gapAcceptanceDays: null },
      });
      const list = await get('/catalogue/items/XK-SCJG-001/versions');
      expect(list.json().map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
        [1, 'superseded'],
        [2, 'published'],
      ]);
      expect(list.json()[0].supersededAt).toBe(list.json()[1].publishedAt);
    });

    it('a withdrawn item reads as withdrawn, with the reason', async () => {
      const r = await get('/catalogue/items/GG-SW-001');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ itemCode: 'GG-SW-001', status: 'withdrawn' });
      expect(r.json().withdrawnReason).toMatch(/五证合一/);
    });

    it('bundles: list, and a bundle with its merged materials (C5)', async () => {
      const list = await get('/catalogue/bundles');
      expect(list.json().map((b: { code: string; itemCodes: string[] }) => [b.code, b.itemCodes])).toEqual([
        ['YJS-001', ['XK-SCJG-001', 'XK-WJ-001', 'XK-CG-001']],
        ['YJS-002', ['XK-YJ-001', 'XK-CG-001']],
      ]);
      const r = await get('/catalogue/bundles/YJS-001');
      expect(r.statusCode).toBe(200);
      const b = r.json();
      expect(b.items.map((i: { itemCode: string; version: number }) => [i.itemCode, i.version])).toEqual([
        ['XK-SCJG-001', 2],
        ['XK-WJ-001', 1],
        ['XK-CG-001', 1],
      ]);
      const totalSeparately = b.items.reduce(
        (n: number, i: { definition: { materials: unknown[] } }) => n + i.definition.materials.length,
        0,
      );
      expect(b.materials).toHaveLength(totalSeparately - 2);
      expect(b.materials.find((m: { name: string }) => m.name === '营业执照')).toMatchObject({
        requirement: 'primary',
        usedBy: ['XK-SCJG-001', 'XK-CG-001'],
      });
      expect(b.materials.find((m: { name: string }) => m.name === '法定代表人（负责人）身份证明').usedBy).toEqual([
        'XK-SCJG-001',
        'XK-WJ-001',
      ]);
      expect(b.materials.map((m: { code: string }) => m.code).slice(0, 3)).toEqual(['B01', 'B02', 'B03']);
      expect(b).toMatchObject({ excludedItems: [], promisedLimitDays: 5, totalFeeFen: 0 });
    });

    it('departments come from the seed, with their published item counts', async () => {
      const r = await get('/catalogue/departments');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toHaveLength(catalogueSeed.departments.length);
      expect(r.json().find((d: { code: string }) => d.code === 'RS')).toEqual({
        code: 'RS',
        name: '市人力资源和社会保障局',
        nameEn: 'Human Resources and Social Security',
        items: 3,
      });
      expect(r.json().find((d: { code: string }) => d.code === 'SW').items).toBe(0);
    });

    it('the report covers the published items per department', async () => {
      const r = await get('/catalogue/report');
      expect(r.statusCode).toBe(200);
      expect(r.json().overall.items).toBe(seededPublished.length);
      expect(r.json().targets).toEqual({ compression: 0.6, atMostOneVisit: 0.9 });
      expect(r.json().departments.find((d: { department: string }) => d.department === 'ZJ')).toMatchObject({
        departmentName: '市住房和城乡建设委员会',
        items: 1,
        averageCompression: 0.5714,
        meetsCompressionTarget: false,
      });
    });

    it('the OpenAPI document describes every catalogue route', async () => {
      const doc = (await get('/openapi.json')).json();
      for (const p of [
        '/catalogue/items',
        '/catalogue/items/{code}',
        '/catalogue/items/{code}/versions',
        '/catalogue/items/{code}/versions/{version}',
        '/catalogue/items/{code}/versions/{version}/publish',
        '/catalogue/items/{code}/withdraw',
        '/catalogue/bundles',
        '/catalogue/bundles/{code}',
        '/catalogue/departments',
        '/catalogue/report',
      ]) {
        expect([p, Boolean(doc.paths[p])]).toEqual([p, true]);
      }
      expect(doc.components.schemas.CreateItemDto.required).toEqual(
        expect.arrayContaining(['code', 'materials', 'legalLimitDays', 'gapAcceptanceDays']),
      );
      expect(doc.components.schemas.MaterialRequirementDto.properties.requirement.enum).toEqual([
        'primary',
        'secondary',
      ]);
    });
  });

  describe('the CatalogueReader contract', () => {
    it('currentVersion gives the published version; unknown is 404', async () => {
      await expect(reader.currentVersion('XK-SCJG-001')).resolves.toMatchObject({
        itemCode: 'XK-SCJG-001',
        version: 2,
        status: 'published',
      });
      await expect(reader.currentVersion('XK-NOPE-999')).rejects.toMatchObject({
        status: 404,
        response: { message: '事项不存在 (item not found)' },
      });
    });

    it('a withdrawn item refuses new applications with 409 currentState withdrawn, yet its version stays readable', async () => {
      await expect(reader.currentVersion('GG-SW-001')).rejects.toMatchObject({
        status: 409,
        response: { details: { currentState: 'withdrawn', itemCode: 'GG-SW-001' } },
      });
      await expect(reader.version('GG-SW-001', 1)).resolves.toMatchObject({
        status: 'withdrawn',
        definition: { name: '税务登记证核发' },
      });
    });

    it('version() reads an old version an application was filed under', async () => {
      const v1 = await reader.version('XK-SCJG-001', 1);
      expect(v1).toMatchObject({ status: 'superseded', definition: { promisedLimitDays: 10 } });
      expect(v1.publishedAt).toBe('2025-03-03T01:00:00.000Z');
      await expect(reader.version('XK-SCJG-001', 3)).rejects.toMatchObject({ status: 404 });
    });

    it('bundle() merges materials', async () => {
      const b = await reader.bundle('YJS-002');
      expect(b.items.map((i) => i.itemCode)).toEqual(['XK-YJ-001', 'XK-CG-001']);
      expect(b.materials.filter((m) => m.name === '营业执照')).toEqual([
        expect.objectContaining({ requirement: 'primary', usedBy: ['XK-YJ-001', 'XK-CG-001'] }),
      ]);
      await expect(reader.bundle('YJS-404')).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('admin (C2, C4)', () => {
    it('refuses anonymous (401), a citizen (403) and staff without the role (403), and writes nothing', async () => {
      const body = { ...definitionOf('XK-CG-001'), code: 'XK-CG-900' };
      const before = await count('select count(*)::int n from catalogue_item_version');
      expect((await call('POST', '/catalogue/items', undefined, body)).statusCode).toBe(401);
      expect((await call('POST', '/catalogue/items', 'citizen', body)).statusCode).toBe(403);
      expect((await call('POST', '/catalogue/items', 'cityClerk', body)).statusCode).toBe(403);
      expect(
        (await call('POST', '/catalogue/items/XK-CG-001/versions', 'cityClerk', bodyOf('XK-CG-001'))).statusCode,
      ).toBe(403);
      expect((await call('POST', '/catalogue/items/XK-CG-001/versions/1/publish', 'citizen')).statusCode).toBe(403);
      expect(
        (await call('POST', '/catalogue/items/XK-CG-001/withdraw', 'cityClerk', { reason: '测试' })).statusCode,
      ).toBe(403);
      expect(await count('select count(*)::int n from catalogue_item_version')).toBe(before);
    });

    it('refuses malformed bodies and unknown fields with 400, every problem listed, nothing written', async () => {
      const before = await count('select count(*)::int n from catalogue_item');
      const good = { ...definitionOf('XK-CG-001'), code: 'XK-CG-901' };
      const cases: [string, unknown, string[]][] = [
        ['unknown top-level field', { ...good, colour: 'red' }, ['colour']],
        [
          'unknown nested field',
          { ...good, materials: [{ ...good.materials[0], waived: true }] },
          ['materials.0.waived'],
        ],
        [
          'wrong types',
          { ...good, legalLimitDays: '20', online: 'yes', gapAcceptanceDays: 1.5, autoAccept: 'yes' },
          ['legalLimitDays', 'online', 'gapAcceptanceDays', 'autoAccept'],
        ],
        ['missing fields', { code: 'XK-CG-901', name: '缺字段' }, ['kind', 'level', 'materials', 'gapAcceptanceDays']],
        [
          'bad enums and codes',
          {
            ...good,
            code: 'bad code',
            kind: 'permit',
            receivableAt: ['province'],
            materials: [{ ...good.materials[0], requirement: 'maybe', code: 'x' }],
          },
          ['code', 'kind', 'receivableAt', 'materials.0.requirement', 'materials.0.code'],
        ],
        ['material not an object', { ...good, materials: [42] }, ['materials.0']],
        ['no materials', { ...good, materials: [] }, ['materials']],
        [
          'fee amount not an integer',
          { ...good, fees: [{ name: '费', amountFen: 80.5, legalBasis: '依据' }] },
          ['fees.0.amountFen'],
        ],
      ];
      for (const [what, body, fields] of cases) {
        const r = await call('POST', '/catalogue/items', 'catalogueAdmin', body);
        expect([what, r.statusCode]).toEqual([what, 400]);
        const got = (r.json().details as { field: string }[]).map((d) => d.field);
        expect([what, got]).toEqual([what, expect.arrayContaining(fields)]);
      }
      const notJson = await t.app.inject({
        method: 'POST',
        url: '/catalogue/items',
        payload: '{"code":',
        headers: { authorization: `Bearer ${tokens.catalogueAdmin}`, 'content-type': 'application/json' },
      });
      expect(notJson.statusCode).toBe(400);
      const unknownWithdraw = await call('POST', '/catalogue/items/XK-CG-001/withdraw', 'catalogueAdmin', {
        reason: '原因',
        force: true,
      });
      expect(unknownWithdraw.statusCode).toBe(400);
      expect(
        (await call('POST', '/catalogue/items/XK-CG-001/withdraw', 'catalogueAdmin', { reason: '   ' })).statusCode,
      ).toBe(400);
      expect(await count('select count(*)::int n from catalogue_item')).toBe(before);
      expect((await get('/catalogue/items/XK-CG-001')).json().status).toBe('published');
    });

    it('a new item is a draft v1, invisible to the public until published; its code is unique', async () => {
      const body = { ...definitionOf('XK-CG-001'), code: 'XK-CG-002', name: '城市道路占用挖掘许可' };
      const created = await call('POST', '/catalogue/items', 'catalogueAdmin', body);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        itemCode: 'XK-CG-002',
        version: 1,
        status: 'draft',
        publishedAt: null,
        definition: { code: 'XK-CG-002', name: '城市道路占用挖掘许可' },
      });
      expect((await call('POST', '/catalogue/items', 'catalogueAdmin', body)).statusCode).toBe(409);
      expect((await get('/catalogue/items/XK-CG-002')).statusCode).toBe(404);
      expect((await get('/catalogue/items/XK-CG-002/versions/1')).statusCode).toBe(404);
      expect((await get('/catalogue/items/XK-CG-002/versions/1', 'catalogueAdmin')).json().status).toBe('draft');
      await expect(reader.currentVersion('XK-CG-002')).rejects.toMatchObject({ status: 404 });
      await expect(reader.version('XK-CG-002', 1)).rejects.toMatchObject({ status: 404 });

      const published = await call('POST', '/catalogue/items/XK-CG-002/versions/1/publish', 'catalogueAdmin');
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({ version: 1, status: 'published' });
      expect(codesOf(await get(`/catalogue/items?q=${encodeURIComponent('道路占用')}`))).toEqual(['XK-CG-002']);
      await expect(reader.currentVersion('XK-CG-002')).resolves.toMatchObject({ version: 1 });
    });

    it('publishing a version that breaks rules is 422 listing all violations, and changes nothing', async () => {
      const broken = bodyOf('XK-WJ-001');
      broken.promisedLimitDays = 25; // > legal 20
      broken.materials[1].name = broken.materials[0].name; // duplicate name
      broken.materials[0].optional = true; // primary waived
      broken.fees = [{ name: '卫生许可费', amountFen: 0, legalBasis: '' }]; // no basis, not positive
      broken.receivableAt = ['street']; // not its own level
      const draft = await call('POST', '/catalogue/items/XK-WJ-001/versions', 'catalogueAdmin', broken);
      expect(draft.statusCode).toBe(201);
      expect(draft.json()).toMatchObject({ version: 2, status: 'draft' });
      const snapshot = async () =>
        (
          await pg.query(
            `select version, status, published_at from catalogue_item_version where item_code = 'XK-WJ-001' order by version`,
          )
        ).rows;
      const before = await snapshot();

      const r = await call('POST', '/catalogue/items/XK-WJ-001/versions/2/publish', 'catalogueAdmin');
      expect(r.statusCode).toBe(422);
      expect(r.json().error).toBe('Unprocessable Entity');
      expect(r.json().details.map((v: { rule: string; field: string }) => `${v.rule}@${v.field}`)).toEqual([
        'promised-exceeds-legal@promisedLimitDays',
        'primary-material-optional@materials[0].optional',
        'duplicate-material-name@materials[1].name',
        'fee-without-basis@fees[0].legalBasis',
        'fee-amount-invalid@fees[0].amountFen',
        'receivable-excludes-own-level@receivableAt',
      ]);
      expect(await snapshot()).toEqual(before);
      expect(
        await count(
          `select count(*)::int n from catalogue_item where code = 'XK-WJ-001' and current_version = 1 and state = 'published'`,
        ),
      ).toBe(1);
      await expect(reader.currentVersion('XK-WJ-001')).resolves.toMatchObject({ version: 1 });
    });

    it('fixing the draft and publishing it supersedes the previous version; applications keep theirs', async () => {
      const fixed = bodyOf('XK-WJ-001');
      fixed.promisedLimitDays = 3;
      const put = await call('PUT', '/catalogue/items/XK-WJ-001/versions/2', 'catalogueAdmin', fixed);
      expect(put.statusCode).toBe(200);
      expect(put.json().definition.promisedLimitDays).toBe(3);
      expect((await call('POST', '/catalogue/items/XK-WJ-001/versions', 'catalogueAdmin', fixed)).json()).toMatchObject(
        { statusCode: 409, details: { currentState: 'draft', draftVersion: 2 } },
      );

      const r = await call('POST', '/catalogue/items/XK-WJ-001/versions/2/publish', 'catalogueAdmin');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        itemCode: 'XK-WJ-001',
        version: 2,
        status: 'published',
        definition: { promisedLimitDays: 3 },
      });
      await expect(reader.currentVersion('XK-WJ-001')).resolves.toMatchObject({
        version: 2,
        definition: { promisedLimitDays: 3 },
      });
      await expect(reader.version('XK-WJ-001', 1)).resolves.toMatchObject({
        status: 'superseded',
        definition: { promisedLimitDays: 5 },
      });
      expect((await get('/catalogue/items/XK-WJ-001')).json().version).toBe(2);
      // Search shows the new version only, once.
      const found = (await get(`/catalogue/items?q=${encodeURIComponent('公共场所卫生')}`)).json();
      expect(
        found.items.map((i: { code: string; version: number; promisedLimitDays: number }) => [
          i.code,
          i.version,
          i.promisedLimitDays,
        ]),
      ).toEqual([['XK-WJ-001', 2, 3]]);
      // The bundle now carries the new version.
      expect((await reader.bundle('YJS-001')).items.find((i) => i.itemCode === 'XK-WJ-001')!.version).toBe(2);

      const again = await call('POST', '/catalogue/items/XK-WJ-001/versions/2/publish', 'catalogueAdmin');
      expect(again.statusCode).toBe(409);
      expect(again.json().details.currentState).toBe('published');
      const old = await call('PUT', '/catalogue/items/XK-WJ-001/versions/1', 'catalogueAdmin', fixed);
      expect(old.statusCode).toBe(409);
      expect(old.json().details.currentState).toBe('superseded');
    });

    it('two admins publishing the same draft at once: exactly one wins, the other gets 409', async () => {
      const body = bodyOf('XK-HB-001');
      body.promisedLimitDays = 15;
      expect((await call('POST', '/catalogue/items/XK-HB-001/versions', 'catalogueAdmin', body)).statusCode).toBe(201);
      const results = await Promise.all(
        [1, 2].map(() => call('POST', '/catalogue/items/XK-HB-001/versions/2/publish', 'catalogueAdmin')),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(
        await count(
          `select count(*)::int n from catalogue_item_version where item_code = 'XK-HB-001' and status = 'published'`,
        ),
      ).toBe(1);
    });

    it('a department\u2019s admin edits only that department\u2019s items', async () => {
      const r = await call('POST', '/catalogue/items/XK-YJ-001/versions', 'jtCatalogueAdmin', bodyOf('XK-YJ-001'));
      expect(r.statusCode).toBe(403);
      const own = bodyOf('XK-JT-001');
      own.promisedLimitDays = 2;
      const mine = await call('POST', '/catalogue/items/XK-JT-001/versions', 'jtCatalogueAdmin', own);
      expect(mine.statusCode).toBe(201);
      const moved = { ...own, department: 'YJ' };
      expect((await call('PUT', '/catalogue/items/XK-JT-001/versions/2', 'jtCatalogueAdmin', moved)).statusCode).toBe(
        403,
      );
      expect(
        (
          await call('POST', '/catalogue/items', 'jtCatalogueAdmin', {
            ...definitionOf('XK-YJ-001'),
            code: 'XK-YJ-009',
          })
        ).statusCode,
      ).toBe(403);
      expect((await call('POST', '/catalogue/items/XK-JT-001/versions/2/publish', 'jtCatalogueAdmin')).statusCode).toBe(
        200,
      );
    });

    it('withdrawing an item stops new applications; its versions stay readable; it cannot be edited again', async () => {
      const r = await call('POST', '/catalogue/items/GG-GA-001/withdraw', 'catalogueAdmin', {
        reason: '并入机动车检验一件事 (merged into another item)',
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        itemCode: 'GG-GA-001',
        version: 1,
        status: 'withdrawn',
        withdrawnReason: '并入机动车检验一件事 (merged into another item)',
      });
      await expect(reader.currentVersion('GG-GA-001')).rejects.toMatchObject({
        status: 409,
        response: { details: { currentState: 'withdrawn' } },
      });
      await expect(reader.version('GG-GA-001', 1)).resolves.toMatchObject({ status: 'withdrawn' });
      expect((await get('/catalogue/items?q=GG-GA-001')).json().total).toBe(0);
      expect((await get('/catalogue/items/GG-GA-001')).json().status).toBe('withdrawn');

      const again = await call('POST', '/catalogue/items/GG-GA-001/withdraw', 'catalogueAdmin', { reason: '再次' });
      expect(again.statusCode).toBe(409);
      expect(again.json().details.currentState).toBe('withdrawn');
      const draft = await call('POST', '/catalogue/items/GG-GA-001/versions', 'catalogueAdmin', bodyOf('GG-GA-001'));
      expect(draft.statusCode).toBe(409);
      expect(draft.json().details.currentState).toBe('withdrawn');
      expect(
        (await call('POST', '/catalogue/items/XK-NOPE-001/withdraw', 'catalogueAdmin', { reason: '无' })).statusCode,
      ).toBe(404);
    });

    it('a bundle leaves out a withdrawn item and merges the rest', async () => {
      expect(
        (await call('POST', '/catalogue/items/XK-YJ-001/withdraw', 'catalogueAdmin', { reason: '测试撤销 (test)' }))
          .statusCode,
      ).toBe(200);
      const b = (await get('/catalogue/bundles/YJS-002')).json();
      expect(b.items.map((i: { itemCode: string }) => i.itemCode)).toEqual(['XK-CG-001']);
      expect(b.excludedItems).toEqual([{ itemCode: 'XK-YJ-001', state: 'withdrawn' }]);
      expect(b.materials.find((m: { name: string }) => m.name === '营业执照')).toMatchObject({
        requirement: 'secondary',
        usedBy: ['XK-CG-001'],
      });
    });
  });
});
