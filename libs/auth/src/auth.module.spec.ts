import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@onewindow/http';
import { ObservabilityModule } from '@onewindow/observability';
import { AuthModule } from './auth.module';
import { CurrentPrincipal, Principals, Public, RequireRoles } from './decorators';
import { assertOwner, ownerSubjectOf } from './policies';
import type { Principal, StaffPrincipal } from './principal';
import { LocalTokenIssuer } from './token-signer';

const ISS = 'https://onewindow.local/auth';
const AUD = 'onewindow';
let issuer: LocalTokenIssuer;

@Controller('things')
class ThingsController {
  @Public()
  @Get('public')
  open(@CurrentPrincipal() p: Principal) {
    return { type: p.type };
  }

  @Get('me')
  me(@CurrentPrincipal() p: Principal) {
    return p;
  }

  @Principals('staff')
  @Get('staff-only')
  staffOnly() {
    return { ok: true };
  }

  @RequireRoles('approver')
  @Get('approve')
  approve() {
    return { ok: true };
  }

  /** An applicant's object: owner is citizen:c1 (S1). */
  @Get('applications/:id')
  application(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    assertOwner(p, 'citizen:c1', '申请', id);
    return { id, owner: ownerSubjectOf(p) };
  }
}

@Principals('system')
@Controller('systems')
class SystemsController {
  @Get()
  list() {
    return { ok: true };
  }
}

describe('AuthModule in a Nest app', () => {
  let app: NestFastifyApplication;
  const citizen: Principal = { type: 'citizen', sub: 'c1', name: '张三' };
  const reviewer: StaffPrincipal = {
    type: 'staff',
    sub: 's1',
    name: '王五',
    department: 'SCJG',
    orgUnit: 'SCJG-120000',
    division: '120000',
    level: 'city',
    roles: ['reviewer'],
  };
  const bearer = async (p: Principal) => ({ authorization: `Bearer ${await issuer.sign(p)}` });

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.create({ issuer: ISS, audience: AUD });
    @Module({
      imports: [ObservabilityModule, AuthModule.forRoot({ issuer: ISS, audience: AUD, keys: issuer.jwks })],
      controllers: [ThingsController, SystemsController],
    })
    class TestModule {}
    app = await createServiceApp(TestModule, { service: 'auth-test' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app?.close());

  it('no token: 401 in the platform error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/things/me', headers: { 'x-request-id': 'req-12345678' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('authentication required'),
      requestId: 'req-12345678',
      details: { reason: 'missing_token' },
    });
  });

  it('bad and expired tokens: 401 saying why', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/things/me',
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().message).toContain('malformed');
    const expired = await app.inject({
      method: 'GET',
      url: '/things/me',
      headers: { authorization: `Bearer ${await issuer.sign(citizen, { now: Math.floor(Date.now() / 1000) - 3600 })}` },
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toContain('expired');
  });

  it('a valid token sets the principal', async () => {
    const res = await app.inject({ method: 'GET', url: '/things/me', headers: await bearer(citizen) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(citizen);
  });

  it('@Public() works without a token, and with a stale one', async () => {
    expect((await app.inject({ method: 'GET', url: '/things/public' })).json()).toEqual({ type: 'public' });
    expect(
      (
        await app.inject({ method: 'GET', url: '/things/public', headers: { authorization: 'Bearer nonsense' } })
      ).json(),
    ).toEqual({ type: 'public' });
    expect((await app.inject({ method: 'GET', url: '/things/public', headers: await bearer(citizen) })).json()).toEqual(
      { type: 'citizen' },
    );
  });

  it('a citizen calling a staff route: 403', async () => {
    const res = await app.inject({ method: 'GET', url: '/things/staff-only', headers: await bearer(citizen) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(
      (await app.inject({ method: 'GET', url: '/things/staff-only', headers: await bearer(reviewer) })).statusCode,
    ).toBe(200);
  });

  it('@Principals on a controller class applies to its routes', async () => {
    expect((await app.inject({ method: 'GET', url: '/systems', headers: await bearer(reviewer) })).statusCode).toBe(
      403,
    );
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/systems',
          headers: await bearer({ type: 'system', sub: 'sw', department: 'SW', scopes: [] }),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('@RequireRoles: staff without the role and non-staff get 403', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/things/approve', headers: await bearer(reviewer) })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/things/approve', headers: await bearer(citizen) })).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/things/approve',
          headers: await bearer({ ...reviewer, roles: ['approver'] }),
        })
      ).statusCode,
    ).toBe(200);
  });

  it("another citizen's object: 404 (S1)", async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/things/applications/A1', headers: await bearer(citizen) })).statusCode,
    ).toBe(200);
    const res = await app.inject({
      method: 'GET',
      url: '/things/applications/A1',
      headers: await bearer({ type: 'citizen', sub: 'c2', name: '李四' }),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('health probes need no token', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});
