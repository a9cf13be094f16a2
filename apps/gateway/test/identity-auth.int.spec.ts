import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { Client } from 'pg';
import { TokenVerifier, type Principal } from '@onewindow/auth';
import { DEMO_IDENTITIES } from '../src/identity/demo-identities';
import { SigningKeyService } from '../src/identity/signing-key.service';
import { bootIdentityTestApp } from '../src/identity/testing/identity-test-app';

const PASSWORD = 'OneWindow#2026';
const ISS = 'https://onewindow.local/auth';
const AUD = 'onewindow';
const idOf = (username: string) => DEMO_IDENTITIES.users.find((u) => u.username === username)!.id;

describe('gateway identity (G2) on real Postgres', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;
  let pg: Client;
  let baseUrl: string;
  // The external OIDC issuer: a key pair and a JWKS served by a tiny HTTP server.
  let oidcServer: Server;
  let oidcKey: KeyLike;
  const OIDC_ISS = 'https://idp.example.test/';

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      payload: payload as string,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const login = (username: string, password = PASSWORD) => post('/auth/login', { username, password });
  const publishedKids = async () =>
    ((await (await fetch(`${baseUrl}/auth/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map(
      (k) => k.kid,
    );
  const count = async (table: string) => Number((await pg.query(`select count(*)::int as n from ${table}`)).rows[0].n);

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    oidcKey = privateKey;
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }],
    });
    oidcServer = createServer((req, res) => {
      if (req.url === '/jwks') res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => oidcServer.listen(0, '127.0.0.1', r));
    const oidcPort = (oidcServer.address() as AddressInfo).port;

    const booted = await bootIdentityTestApp('identity', {
      OW_JWT_ISSUER: ISS,
      OW_JWT_AUDIENCE: AUD,
      OW_SEED_DEMO: 'true',
      OW_OIDC_ISSUER: OIDC_ISS,
      OW_OIDC_JWKS_URL: `http://127.0.0.1:${oidcPort}/jwks`,
      OW_OIDC_AUDIENCE: 'onewindow-hall',
    });
    ({ app, close } = booted);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    pg = new Client({ ...booted.db.connection, user: booted.db.connection.username });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await close?.();
    await new Promise((r) => oidcServer?.close(r));
  });

  describe('login', () => {
    it('works for seeded staff, citizens and enterprises', async () => {
      const staff = await login('reviewer.scjg');
      expect(staff.statusCode).toBe(200);
      expect(staff.headers['cache-control']).toBe('no-store');
      const body = staff.json();
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      expect(body.refresh_token).toMatch(/^owr_/);
      expect(body.principal).toEqual({
        type: 'staff',
        sub: idOf('reviewer.scjg'),
        name: '市场监督管理审查员',
        department: 'SCJG',
        orgUnit: 'SCJG-120000',
        division: '120000',
        level: 'city',
        roles: ['reviewer'],
      });

      const street = (await login('Clerk.QuanYeChang')).json();
      expect(street.principal).toMatchObject({
        type: 'staff',
        division: '120101001',
        level: 'street',
        orgUnit: 'SC-120101001',
        roles: ['window-clerk'],
      });
      expect(street.principal.department).toBeUndefined();

      const citizen = (await login('citizen.zhang')).json();
      expect(citizen.principal).toEqual({ type: 'citizen', sub: idOf('citizen.zhang'), name: '张三' });
      // The resident ID is not in the login answer nor in the token.
      expect(JSON.stringify(citizen)).not.toContain('11010519491231002X');
      expect(Buffer.from(citizen.access_token.split('.')[1], 'base64url').toString()).not.toContain('11010519');

      const ent = (await login('ent.demo')).json();
      expect(ent.principal).toEqual({
        type: 'enterprise',
        sub: idOf('ent.demo'),
        name: '天津市和平区示例科技有限公司',
        uscc: '91120101MA05T8K25N',
        agentSub: idOf('citizen.li'),
      });
    });

    it('issues ES256 tokens with kid, iss, aud, exp 15 min, iat, jti', async () => {
      const { access_token } = (await login('clerk.heping')).json();
      const header = decodeProtectedHeader(access_token);
      expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
      expect(header.kid).toBeTruthy();
      const payload = JSON.parse(Buffer.from(access_token.split('.')[1], 'base64url').toString());
      expect(payload).toMatchObject({
        iss: ISS,
        aud: AUD,
        typ: 'staff',
        div: '120101',
        lvl: 'district',
        org: 'SC-120101',
        roles: ['window-clerk'],
      });
      expect(payload.exp - payload.iat).toBe(900);
      expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('the token verifies against /auth/.well-known/jwks.json through TokenVerifier(jwksUrl)', async () => {
      const jwks = await fetch(`${baseUrl}/auth/.well-known/jwks.json`);
      expect(jwks.status).toBe(200);
      const keys = ((await jwks.json()) as { keys: Record<string, unknown>[] }).keys;
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      for (const k of keys) expect(k.d).toBeUndefined();

      const verifier = new TokenVerifier({
        issuer: ISS,
        audience: AUD,
        jwksUrl: `${baseUrl}/auth/.well-known/jwks.json`,
      });
      const { access_token, principal } = (await login('approver.sw')).json();
      expect(await verifier.verify(access_token)).toEqual(principal);
      // And the gateway's own guard accepts it (local key set), which is the TokenVerifier the container provides.
      expect(app.get(TokenVerifier)).toBe(app.get(SigningKeyService).verifier);
      const me = await app.inject({
        method: 'GET',
        url: '/auth/me',
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().principal).toEqual(principal);
    });

    it('wrong password and unknown user: the same 401 in the platform error shape', async () => {
      const wrong = await login('citizen.li', 'nope');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: '用户名或密码错误 (invalid credentials)',
        requestId: expect.any(String),
      });
      const unknown = await login('nobody.here', 'nope');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().message).toBe(wrong.json().message);
      // Reset citizen.li's counter for the other tests.
      expect((await login('citizen.li')).statusCode).toBe(200);
    });

    it('5 consecutive failures lock the name for 15 minutes; the right password is refused meanwhile', async () => {
      for (let i = 0; i < 5; i++) expect((await login('clerk.nankai', `wrong-${i}`)).statusCode).toBe(401);
      const locked = await login('clerk.nankai');
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);
      expect(locked.json()).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        details: { retryAfterSeconds: expect.any(Number) },
      });
      expect(locked.json().message).toContain('locked');
      // Other accounts are not affected.
      expect((await login('clerk.heping')).statusCode).toBe(200);
      // When the lock has run out, the right password works again and the count starts afresh.
      await pg.query(
        `update login_attempt set locked_until = now() - interval '1 second' where username = 'clerk.nankai'`,
      );
      expect((await login('clerk.nankai')).statusCode).toBe(200);
      expect(
        await pg.query(`select 1 from login_attempt where username = 'clerk.nankai'`).then((r) => r.rowCount),
      ).toBe(0);
    });

    it('a failure count is reset by a success (consecutive failures only)', async () => {
      for (let i = 0; i < 4; i++) await login('clerk.city', 'wrong');
      expect((await login('clerk.city')).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) await login('clerk.city', 'wrong');
      expect((await login('clerk.city')).statusCode).toBe(200);
    });

    it('parallel guesses get at most 5 password checks', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login('reviewer.tj', `guess-${i}`)));
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
      expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(7);
      expect((await login('reviewer.tj')).statusCode).toBe(429);
    });

    it('unknown names lock like real ones (the lockout does not reveal accounts)', async () => {
      for (let i = 0; i < 5; i++) expect((await login('ghost.user', 'x')).statusCode).toBe(401);
      expect((await login('ghost.user', 'x')).statusCode).toBe(429);
    });
  });

  describe('bad input', () => {
    it('malformed bodies and unknown fields: 400 with details, nothing written', async () => {
      const before = {
        attempts: await count('login_attempt'),
        tokens: await count('refresh_token'),
        users: await count('user_account'),
      };
      const cases: [string, unknown][] = [
        ['/auth/login', { username: 'citizen.zhang', password: PASSWORD, role: 'admin' }],
        ['/auth/login', { username: 'citizen.zhang' }],
        ['/auth/login', { username: 42, password: PASSWORD }],
        ['/auth/login', { username: '', password: PASSWORD }],
        ['/auth/login', { username: 'x'.repeat(65), password: PASSWORD }],
        ['/auth/refresh', { refresh_token: 'short' }],
        ['/auth/refresh', {}],
        ['/auth/token', { grant_type: 'password', client_id: 'sw-system', client_secret: PASSWORD }],
        [
          '/auth/token',
          { grant_type: 'client_credentials', client_id: 'sw-system', client_secret: PASSWORD, extra: 1 },
        ],
        ['/auth/exchange', { id_token: 1 }],
      ];
      for (const [url, body] of cases) {
        const res = await post(url, body);
        expect([url, res.statusCode]).toEqual([url, 400]);
        expect(res.json()).toMatchObject({
          statusCode: 400,
          error: 'Bad Request',
          requestId: expect.any(String),
          details: expect.any(Array),
        });
      }
      const unknownField = (
        await post('/auth/login', { username: 'citizen.zhang', password: PASSWORD, role: 'admin' })
      ).json();
      expect(unknownField.details).toEqual([
        { field: 'role', problems: [expect.stringContaining('should not exist')] },
      ]);

      const badJson = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: '{"username": "citizen.zhang", ',
        headers: { 'content-type': 'application/json' },
      });
      expect(badJson.statusCode).toBe(400);
      expect(badJson.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });

      expect({
        attempts: await count('login_attempt'),
        tokens: await count('refresh_token'),
        users: await count('user_account'),
      }).toEqual(before);
    });
  });

  describe('refresh', () => {
    it('rotates: a new pair, the old refresh token is revoked', async () => {
      const first = (await login('citizen.zhang')).json();
      const second = await post('/auth/refresh', { refresh_token: first.refresh_token });
      expect(second.statusCode).toBe(200);
      const b = second.json();
      expect(b.refresh_token).not.toBe(first.refresh_token);
      expect(b.access_token).not.toBe(first.access_token);
      expect(b.principal).toEqual(first.principal);

      const again = await post('/auth/refresh', { refresh_token: first.refresh_token });
      expect(again.statusCode).toBe(401);
      expect(again.json().message).toContain('refresh token');
      // Reuse of a revoked token revoked the whole family: the newest token is dead too.
      expect((await post('/auth/refresh', { refresh_token: b.refresh_token })).statusCode).toBe(401);
    });

    it('a session keeps its end across refreshes; unknown and expired tokens are refused', async () => {
      const first = (await login('citizen.li')).json();
      const second = (await post('/auth/refresh', { refresh_token: first.refresh_token })).json();
      const rows = (
        await pg.query(`select expires_at from refresh_token where user_id = $1 order by created_at desc limit 2`, [
          idOf('citizen.li'),
        ])
      ).rows;
      expect(rows[0].expires_at.getTime()).toBe(rows[1].expires_at.getTime());
      await pg.query(
        `update refresh_token set expires_at = now() - interval '1 second' where user_id = $1 and revoked_at is null`,
        [idOf('citizen.li')],
      );
      expect((await post('/auth/refresh', { refresh_token: second.refresh_token })).statusCode).toBe(401);
      expect((await post('/auth/refresh', { refresh_token: 'owr_' + 'A'.repeat(43) })).statusCode).toBe(401);
    });

    it('logout revokes the session', async () => {
      const s = (await login('citizen.zhang')).json();
      expect((await post('/auth/logout', { refresh_token: s.refresh_token })).statusCode).toBe(204);
      expect((await post('/auth/refresh', { refresh_token: s.refresh_token })).statusCode).toBe(401);
    });
  });

  describe('client credentials (department systems)', () => {
    it('issues a system token scoped to the department (JSON)', async () => {
      const res = await post('/auth/token', {
        grant_type: 'client_credentials',
        client_id: 'sw-system',
        client_secret: PASSWORD,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        token_type: 'Bearer',
        expires_in: 900,
        scope: 'tasks:read tasks:decide data:enterprise-basic',
      });
      expect(body.refresh_token).toBeUndefined();
      const me = (
        await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${body.access_token}` } })
      ).json();
      expect(me.principal).toEqual({
        type: 'system',
        sub: 'sw-system',
        department: 'SW',
        scopes: ['tasks:read', 'tasks:decide', 'data:enterprise-basic'],
      });
    });

    it('accepts application/x-www-form-urlencoded and a narrower scope', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/token',
        payload: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'ga-system',
          client_secret: PASSWORD,
          scope: 'tasks:read',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().principal).toEqual({
        type: 'system',
        sub: 'ga-system',
        department: 'GA',
        scopes: ['tasks:read'],
      });
    });

    it('bad secret or unknown client: 401 invalid_client; a scope not granted: 400', async () => {
      const bad = await post('/auth/token', {
        grant_type: 'client_credentials',
        client_id: 'sw-system',
        client_secret: 'wrong',
      });
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        details: { oauthError: 'invalid_client' },
      });
      const unknown = await post('/auth/token', {
        grant_type: 'client_credentials',
        client_id: 'nobody',
        client_secret: 'wrong',
      });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().message).toBe(bad.json().message);
      const scope = await post('/auth/token', {
        grant_type: 'client_credentials',
        client_id: 'sw-system',
        client_secret: PASSWORD,
        scope: 'data:e-licence',
      });
      expect(scope.statusCode).toBe(400);
      expect(scope.json().details).toMatchObject({ oauthError: 'invalid_scope' });
    });
  });

  describe('/auth/me', () => {
    it('needs a token', async () => {
      const res = await app.inject({ method: 'GET', url: '/auth/me' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('shows a citizen their own resident ID', async () => {
      const { access_token } = (await login('citizen.zhang')).json();
      const me = (
        await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${access_token}` } })
      ).json();
      expect(me.account).toEqual({
        username: 'citizen.zhang',
        displayName: '张三',
        type: 'citizen',
        residentId: '11010519491231002X',
      });
    });

    it('refuses alg:none and tokens for another audience (S3 over HTTP)', async () => {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ typ: 'citizen', sub: idOf('citizen.zhang'), name: '张三', iss: ISS, aud: AUD, iat: now, exp: now + 600 })}.`;
      expect(
        (await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${none}` } })).statusCode,
      ).toBe(401);
    });
  });

  describe('signing key rotation', () => {
    it('platform admins rotate; the old key stays published and its tokens stay valid', async () => {
      const citizenToken = (await login('citizen.zhang')).json().access_token;
      const oldKid = decodeProtectedHeader(citizenToken).kid;
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/auth/keys/rotate',
            payload: {},
            headers: { authorization: `Bearer ${citizenToken}` },
          })
        ).statusCode,
      ).toBe(403);

      const adminToken = (await login('admin')).json().access_token;
      // Published ahead: the new key appears in the JWKS but does not sign yet.
      const ahead = await app.inject({
        method: 'POST',
        url: '/auth/keys/rotate',
        payload: { activate_in_seconds: 3600 },
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(ahead.statusCode).toBe(200);
      const aheadKid = ahead.json().kid;
      let kids = await publishedKids();
      expect(kids).toEqual(expect.arrayContaining([oldKid, aheadKid]));
      expect(decodeProtectedHeader((await login('citizen.zhang')).json().access_token).kid).toBe(oldKid);

      // Immediate rotation: the newest key signs, the others stay published.
      const now = await app.inject({
        method: 'POST',
        url: '/auth/keys/rotate',
        payload: { activate_in_seconds: 0 },
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const newKid = now.json().kid;
      const fresh = (await login('citizen.zhang')).json().access_token;
      expect(decodeProtectedHeader(fresh).kid).toBe(newKid);
      kids = await publishedKids();
      expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));
      for (const t of [citizenToken, fresh]) {
        expect(
          (await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${t}` } })).statusCode,
        ).toBe(200);
      }
      const verifier = new TokenVerifier({
        issuer: ISS,
        audience: AUD,
        jwksUrl: `${baseUrl}/auth/.well-known/jwks.json`,
      });
      expect((await verifier.verify(citizenToken)).type).toBe('citizen');
      expect((await verifier.verify(fresh)).type).toBe('citizen');
    });
  });

  describe('external OIDC exchange', () => {
    const idToken = (
      claims: Record<string, unknown>,
      o: { aud?: string; iss?: string; key?: KeyLike; exp?: string } = {},
    ) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
        .setIssuer(o.iss ?? OIDC_ISS)
        .setAudience(o.aud ?? 'onewindow-hall')
        .setIssuedAt()
        .setExpirationTime(o.exp ?? '5m')
        .sign(o.key ?? oidcKey);

    it('mints a platform citizen token for a verified external ID token, stable per external sub', async () => {
      const res = await post('/auth/exchange', { id_token: await idToken({ sub: 'ext-user-1', name: '赵六' }) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const principal = body.principal as Principal;
      expect(principal).toMatchObject({ type: 'citizen', name: '赵六' });
      expect(principal.sub).not.toBe('ext-user-1');
      expect(body.refresh_token).toMatch(/^owr_/);
      const me = (
        await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${body.access_token}` } })
      ).json();
      expect(me.principal).toEqual(principal);
      expect(me.account).toMatchObject({ type: 'citizen', externalIssuer: OIDC_ISS });

      const again = (
        await post('/auth/exchange', { id_token: await idToken({ sub: 'ext-user-1', name: '赵六' }) })
      ).json();
      expect(again.principal.sub).toBe(principal.sub);
      const other = (await post('/auth/exchange', { id_token: await idToken({ sub: 'ext-user-2' }) })).json();
      expect(other.principal.sub).not.toBe(principal.sub);
      expect(other.principal.name).toBe('外部用户');
      // An externally linked account has no password: it cannot be used at /auth/login.
      const username = (await pg.query(`select username from user_account where id = $1`, [principal.sub])).rows[0]
        .username;
      expect((await login(username, '')).statusCode).toBe(400);
      expect((await login(username, 'anything')).statusCode).toBe(401);
    });

    it('refuses external tokens for another audience, from another issuer, expired, or signed by another key', async () => {
      const { privateKey: stranger } = await generateKeyPair('ES256');
      const before = await count('user_account');
      const cases = [
        await idToken({ sub: 'x' }, { aud: 'someone-else' }),
        await idToken({ sub: 'x' }, { iss: 'https://evil.example/' }),
        await idToken({ sub: 'x' }, { exp: '-1h' }),
        await idToken({ sub: 'x' }, { key: stranger }),
        (await login('citizen.zhang')).json().access_token, // a platform token is not an external ID token
      ];
      for (const t of cases) {
        const res = await post('/auth/exchange', { id_token: t });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
      expect(await count('user_account')).toBe(before);
    });
  });
});
