import { LocalTokenIssuer } from '@onewindow/auth';
import { principals } from '@onewindow/testing';
import { request } from 'node:http';
import { bearer, bootGatewayTestApp, expectErrorShape, type GatewayTestApp } from '../src/testing/gateway-test-app';
import { sampleCalls } from '../src/testing/sample-upstream';

// Response bodies are whatever the server sent; the assertions say what they must contain.
const json = (res: Response): Promise<any> => res.json();

const UPSTREAM_TIMEOUT_MS = 1000;
const PER_PRINCIPAL = 25;
const PER_IP = 150;
/** Login and token requests per IP: the 5 in beforeAll and a few for the login-limit test. */
const LOGIN_BUDGET = 8;

describe('gateway edge (G1, G4, G5, G8) against a sample upstream', () => {
  let booted: GatewayTestApp;
  let base: string;
  /** A key the gateway does not know: tokens that must be refused. */
  let stranger: LocalTokenIssuer;
  let tokens: GatewayTestApp['tokens'];

  beforeAll(async () => {
    stranger = await LocalTokenIssuer.create();
    // Tokens come from the gateway itself: the demo accounts and department-system clients.
    booted = await bootGatewayTestApp('gateway', {
      upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS,
      bodyLimits: { intake: 64 * 1024 },
      rateLimit: { perPrincipal: PER_PRINCIPAL, perIp: PER_IP, login: LOGIN_BUDGET },
      openApiRefreshMs: 60_000,
    });
    ({ base, tokens } = booted);
  });

  afterAll(async () => {
    await booted?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  describe('routing (G1)', () => {
    it('routes /api/intake/* to the service and forwards the request id, token and X-Forwarded-*', async () => {
      const res = await get('/api/intake/echo?a=1&b=two', {
        'x-request-id': 'test-request-0001',
        ...bearer(tokens.citizen!),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('test-request-0001');
      const body = await json(res);
      expect(body.url).toBe('/echo?a=1&b=two');
      expect(body.requestId).toBe('test-request-0001');
      expect(body.headers['x-request-id']).toBe('test-request-0001');
      expect(body.headers.authorization).toBe(`Bearer ${tokens.citizen}`);
      expect(body.headers['x-forwarded-for']).toContain('127.0.0.1');
      expect(body.headers['x-forwarded-proto']).toBe('http');
      expect(body.headers['x-forwarded-host']).toBe(new URL(base).host);
      expect(body.headers['x-forwarded-prefix']).toBe('/api/intake');
    });

    it('makes a request id when the client sends none, passes it on and returns it', async () => {
      const res = await get('/api/intake/echo');
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await json(res)).headers['x-request-id']).toBe(id);
    });

    it('passes a JSON body through unchanged', async () => {
      const res = await fetch(`${base}/api/intake/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ text: '行政许可', n: 3 }),
      });
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ body: { text: '行政许可', n: 3 }, length: 4 });
    });

    it('a service that is down is 503 in the platform shape, at once', async () => {
      const started = Date.now();
      const res = await get('/api/registration/enterprises', { 'x-request-id': 'test-request-down' });
      expect(res.status).toBe(503);
      const body = await json(res);
      expectErrorShape(body, 503);
      expect(body.message).toBe('服务 registration 暂不可用 (service unavailable)');
      expect(body.requestId).toBe('test-request-down');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('a slow service is 504 once the upstream timeout has passed, not a hang', async () => {
      const started = Date.now();
      const res = await get('/api/intake/slow?ms=4000');
      const elapsed = Date.now() - started;
      expect(res.status).toBe(504);
      expectErrorShape(await json(res), 504);
      expect(elapsed).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(UPSTREAM_TIMEOUT_MS + 1500);
    });

    it("refuses paths that climb out of the service's prefix (400), raw or percent-encoded", async () => {
      // fetch() would normalise the path before sending; a raw request sends it as written.
      const raw = (path: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const { hostname, port } = new URL(base);
          const req = request({ host: hostname, port, path }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d)).on('end', () => resolve({ status: res.statusCode!, body }));
          });
          req.on('error', reject).end();
        });
      for (const path of [
        '/api/intake/../../auth/me',
        '/api/intake/%2e%2e/%2e%2e/health/live',
        '/api/intake/..%2f..%2fauth/me',
      ]) {
        const res = await raw(path);
        expect(res.status).toBe(400);
        expectErrorShape(JSON.parse(res.body), 400);
      }
    });

    it('an unknown gateway route is 404 in the platform shape', async () => {
      const res = await get('/nothing/here', { 'x-request-id': 'test-request-404' });
      expect(res.status).toBe(404);
      expect(await json(res)).toMatchObject({ statusCode: 404, requestId: 'test-request-404' });
    });

    it('an unknown service is 404 in the platform shape', async () => {
      const res = await get('/api/nosuchservice/things');
      expect(res.status).toBe(404);
      const body = await json(res);
      expectErrorShape(body, 404);
      expect(body.message).toContain('nosuchservice');
    });
  });

  describe('bad input', () => {
    it('malformed JSON through the proxy: 400 in the platform shape with the same request id, nothing handled', async () => {
      const before = sampleCalls.count;
      const res = await fetch(`${base}/api/intake/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'test-request-badjson' },
        body: '{"text": "unterminated',
      });
      expect(res.status).toBe(400);
      const body = await json(res);
      expectErrorShape(body, 400);
      expect(body.requestId).toBe('test-request-badjson');
      expect(sampleCalls.count).toBe(before);
    });

    it('malformed JSON on a gateway route: 400 in the platform shape', async () => {
      const res = await fetch(`${base}/exchange/decisions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-exchange-purpose': 'return decision',
          ...bearer(tokens.system!),
        },
        body: '{nope',
      });
      expect(res.status).toBe(400);
      expectErrorShape(await json(res), 400);
    });

    it("a body over the service's limit is 413 in the platform shape and never reaches the service", async () => {
      const before = sampleCalls.count;
      const res = await fetch(`${base}/api/intake/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(100 * 1024) }),
      });
      expect(res.status).toBe(413);
      expectErrorShape(await json(res), 413);
      expect(sampleCalls.count).toBe(before);
    });

    it('a body over the gateway default (1 MiB) on a gateway route is 413', async () => {
      const res = await fetch(`${base}/exchange/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(tokens.system!) },
        body: JSON.stringify({ text: 'x'.repeat(1100 * 1024) }),
      });
      expect(res.status).toBe(413);
      expectErrorShape(await json(res), 413);
    });

    it('an invalid token is refused with 401 at the gateway; the service never sees it', async () => {
      const before = sampleCalls.count;
      const [h, p, sig] = tokens.citizen!.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const tampered = [
        h,
        Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url'),
        sig,
      ].join('.');
      const algNone = [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), p, ''].join('.');
      const invalid = [
        tampered,
        algNone,
        await stranger.sign(principals.citizen),
        await stranger.sign(principals.citizen, { now: Math.floor(Date.now() / 1000) - 3600 }),
        'not-a-jwt',
      ];
      for (const token of invalid) {
        const res = await get('/api/intake/echo', bearer(token));
        expect(res.status).toBe(401);
        expectErrorShape(await json(res), 401);
      }
      expect(sampleCalls.count).toBe(before);
    });
  });

  describe('rate limits (G4, S7)', () => {
    it('a flooding principal gets 429 with Retry-After while another principal is still served', async () => {
      const flooder = tokens.flooder!;
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < PER_PRINCIPAL + 10; i++) {
        const res = await get('/api/intake/echo', bearer(flooder));
        statuses.push(res.status);
        if (res.status === 429 && !limited) limited = res;
        else await res.arrayBuffer();
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(PER_PRINCIPAL);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = await json(limited!);
      expectErrorShape(body, 429);
      expect(body.message).toContain('rate limit exceeded');

      const other = await get('/api/intake/echo', bearer(tokens.staff!));
      expect(other.status).toBe(200);
      // Same IP, no token: the IP budget, not the flooder's.
      expect((await get('/api/intake/echo')).status).toBe(200);
    });

    it('the login route has its own small budget per IP', async () => {
      // beforeAll spent 5 of the budget; unknown names, so the per-username lockout plays no part.
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < LOGIN_BUDGET && !limited; i++) {
        const res = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `nobody.${i}`, password: 'wrong-password' }),
        });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await json(limited!)).message).toContain('login attempts from this address');
    });
  });

  describe('one OpenAPI (G5)', () => {
    it("serves the merged document: the gateway's own routes and /api/intake/*, registration listed as unavailable", async () => {
      const res = await get('/openapi.json');
      expect(res.status).toBe(200);
      const doc = await json(res);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/intake/echo',
          '/api/intake/slow',
          '/exchange/work',
          '/exchange/enterprises/{uscc}',
          '/auth/login',
          '/auth/.well-known/jwks.json',
        ]),
      );
      expect(doc.paths['/exchange/work'].get.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'x-exchange-purpose', in: 'header', required: true })]),
      );
      expect(doc.components.schemas).toHaveProperty('Intake_EchoDto');
      expect(JSON.stringify(doc.paths['/api/intake/echo'])).toContain('#/components/schemas/Intake_EchoDto');
      expect(doc['x-unavailable']).toEqual([expect.objectContaining({ name: 'registration' })]);
      expect(doc.info.description).toContain('registration');
    });

    it('serves Swagger UI at /docs on the merged document', async () => {
      const res = await get('/docs');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('swagger-ui');
      expect(await (await get('/docs/swagger-ui-init.js')).text()).toContain("url: '/openapi.json'");
      const bundle = await get('/docs/swagger-ui-bundle.js');
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toContain('javascript');
      expect((await get('/docs/../package.json')).status).toBe(404);
    });
  });

  describe('readiness (G8)', () => {
    it('is ready with its own database and reports each upstream: intake up, registration down', async () => {
      const res = await get('/health/ready');
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.checks.postgres.ok).toBe(true);
      expect(body.status).toBe('ok');
      expect(body.checks.upstreams).toMatchObject({ ok: true, critical: false });
      expect(body.checks.upstreams.detail).toMatchObject({
        status: 'degraded',
        down: ['registration'],
        services: {
          intake: { status: 'up' },
          registration: { status: 'down', reason: expect.stringContaining('unavailable') },
        },
      });
    });
  });

  // Last: it spends this test IP's anonymous budget for the rest of the window.
  describe('rate limits on bad tokens (G4)', () => {
    it("a flood of invalid tokens draws on the client IP's budget, while a valid principal from the same IP is served", async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < PER_IP + 5 && !statuses.has(429); i++) {
        const res = await get('/api/intake/echo', bearer(`forged.${i}.token`));
        statuses.add(res.status);
        await res.arrayBuffer();
      }
      expect(statuses).toEqual(new Set([401, 429]));
      expect((await get('/api/intake/echo', bearer(tokens.ga!))).status).toBe(200);
    });
  });
});
