import { Client } from 'pg';
import type { TestDatabase } from '@onewindow/testing';
import { bearer, bootGatewayTestApp, expectErrorShape, type GatewayTestApp } from '../src/testing/gateway-test-app';

// Response bodies are whatever the server sent; the assertions say what they must contain.
const json = (res: Response): Promise<any> => res.json();

/** The department systems' routes of the real gateway, with intake at the sample upstream and registration down. */
describe('gateway data exchange (G7) against a sample upstream', () => {
  let booted: GatewayTestApp;
  let db: TestDatabase;
  let base: string;
  let tokens: GatewayTestApp['tokens'];

  beforeAll(async () => {
    // Tokens come from the gateway itself: the demo accounts and department-system clients.
    booted = await bootGatewayTestApp('gateway-exchange', {
      upstreamTimeoutMs: 1000,
      bodyLimits: { intake: 64 * 1024 },
      rateLimit: { perPrincipal: 25, perIp: 150, login: 8 },
      openApiRefreshMs: 60_000,
    });
    ({ db, base, tokens } = booted);
  });

  afterAll(async () => {
    await booted?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  describe('data exchange (G7)', () => {
    async function logRows(): Promise<Record<string, unknown>[]> {
      const c = new Client({ ...db.connection, user: db.connection.username });
      await c.connect();
      try {
        return (await c.query('select * from exchange_access_log order by created_at')).rows;
      } finally {
        await c.end();
      }
    }

    it('refuses citizens and staff with 403 and an anonymous caller with 401, writing nothing', async () => {
      for (const token of [tokens.citizen!, tokens.staff!]) {
        const res = await get('/exchange/work', { ...bearer(token), 'x-exchange-purpose': 'looking around' });
        expect(res.status).toBe(403);
        expectErrorShape(await json(res), 403);
      }
      expect((await get('/exchange/work', { 'x-exchange-purpose': 'looking around' })).status).toBe(401);
      expect(await logRows()).toEqual([]);
    });

    it("allows only what the client's scopes entitle it to", async () => {
      const res = await get('/exchange/licences/TJ-LIC-2026-0001', {
        ...bearer(tokens.system!),
        'x-exchange-purpose': 'check a licence',
      });
      expect(res.status).toBe(403);
      expect((await json(res)).details).toEqual({ requiredScope: 'data:e-licence' });
      // ga-system holds data:e-licence; registration is down, so the (recorded) answer is 503.
      const ga = await get('/exchange/licences/TJ-LIC-2026-0001', {
        ...bearer(tokens.ga!),
        'x-exchange-purpose': 'check a licence',
        'x-request-id': 'test-request-lic01',
      });
      expect(ga.status).toBe(503);
      expect((await logRows()).find((r) => r.request_id === 'test-request-lic01')).toMatchObject({
        client_id: 'ga-system',
        department: 'GA',
        status: 503,
      });
    });

    it('requires a purpose (400) and writes nothing without one', async () => {
      const before = (await logRows()).length;
      const res = await get('/exchange/work', bearer(tokens.system!));
      expect(res.status).toBe(400);
      expect((await json(res)).message).toContain('x-exchange-purpose');
      expect((await get('/exchange/work', { ...bearer(tokens.system!), 'x-exchange-purpose': 'abc' })).status).toBe(
        400,
      );
      expect((await logRows()).length).toBe(before);
    });

    it("pulls the department's work from intake and records the access with its purpose", async () => {
      const purpose = '核验本部门待办事项';
      const res = await get('/exchange/work?status=pending&department=SW', {
        ...bearer(tokens.system!),
        'x-exchange-purpose': encodeURIComponent(purpose),
        'x-request-id': 'test-request-exch1',
      });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.items).toEqual([{ id: 't-1' }]);
      expect(body.seen.url).toBe('/department/tasks?status=pending');
      expect(body.seen.headers.authorization).toBe(`Bearer ${tokens.system}`);
      expect(body.seen.headers['x-request-id']).toBe('test-request-exch1');
      const row = (await logRows()).find((r) => r.request_id === 'test-request-exch1');
      expect(row).toMatchObject({
        client_id: 'sw-system',
        department: 'SW',
        method: 'GET',
        route: 'GET /exchange/work',
        path: '/exchange/work',
        purpose,
        status: 200,
      });
    });

    it('never acts for another department', async () => {
      expect(
        (
          await get('/exchange/work?department=GA', {
            ...bearer(tokens.system!),
            'x-exchange-purpose': 'pull other work',
          })
        ).status,
      ).toBe(403);
      const res = await fetch(`${base}/exchange/decisions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...bearer(tokens.system!),
          'x-exchange-purpose': 'return decision',
        },
        body: JSON.stringify({ taskId: 't-1', department: 'GA' }),
      });
      expect(res.status).toBe(403);
    });

    it('returns a decision to intake without a department in the body', async () => {
      const res = await fetch(`${base}/exchange/decisions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...bearer(tokens.system!),
          'x-exchange-purpose': 'return decision',
        },
        body: JSON.stringify({ taskId: 't-1', department: 'SW', outcome: 'approved' }),
      });
      expect(res.status).toBe(201);
      expect((await json(res)).seen.body).toEqual({ taskId: 't-1', outcome: 'approved' });
    });

    it('validates the USCC before asking registration (400), and registration being down is 503, recorded', async () => {
      const bad = await get('/exchange/enterprises/91120116MA05JXYZ4X', {
        ...bearer(tokens.system!),
        'x-exchange-purpose': 'tender qualification check',
      });
      expect(bad.status).toBe(400);
      expect((await json(bad)).details.reasons.length).toBeGreaterThan(0);
      const { usccCheckChar } = await import('@onewindow/codes');
      const first17 = '91120116' + '00000000' + '0';
      const orgBody = first17.slice(8, 16);
      const { orgCodeCheckChar } = await import('@onewindow/codes');
      const valid17 = `91120116${orgBody}${orgCodeCheckChar(orgBody)}`;
      const uscc = valid17 + usccCheckChar(valid17);
      const res = await get(`/exchange/enterprises/${uscc}`, {
        ...bearer(tokens.system!),
        'x-exchange-purpose': 'tender qualification check',
        'x-request-id': 'test-request-exch2',
      });
      expect(res.status).toBe(503);
      expectErrorShape(await json(res), 503);
      expect((await logRows()).find((r) => r.request_id === 'test-request-exch2')).toMatchObject({
        route: 'GET /exchange/enterprises/:uscc',
        path: `/exchange/enterprises/${uscc}`,
        status: 503,
      });
    });
  });
});
