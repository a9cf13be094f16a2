import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@onewindow/auth';
import { createServiceApp } from '@onewindow/http';
import { isolateService, principals, staff, startTestIssuer, waitFor } from '@onewindow/testing';

/** The whole intake AppModule (every feature) boots, and an application reaches the department queue. */
describe('intake AppModule: submit → accept → task visible', () => {
  let app: NestFastifyApplication;
  let iso: Awaited<ReturnType<typeof isolateService>>;
  let tokens: Awaited<ReturnType<typeof startTestIssuer>>;
  const call = async (
    p: Principal,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${await tokens.issuer.sign(p)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body ? JSON.stringify(body) : undefined,
    });

  beforeAll(async () => {
    process.env.OW_INTAKE_CLOCK_INTERVAL_MS = '0';
    iso = await isolateService('app_module');
    tokens = await startTestIssuer();
    const { AppModule } = await import('../src/app.module');
    app = await createServiceApp(AppModule, { service: 'intake' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await tokens?.close();
    await iso?.drop();
  });

  it('works end to end through the real module graph', async () => {
    const online = await call(
      principals.enterprise,
      'POST',
      '/applications',
      { itemCode: 'XK-CG-001', division: '120101', formData: {}, materials: [] },
      { 'idempotency-key': 'app-module-0001' },
    );
    expect(online.statusCode).toBe(201);
    const check = await call(principals.hepingClerk, 'GET', `/window/applications/${online.json().id}/material-check`);
    expect(check.json().missing.map((m: { code: string }) => m.code)).toEqual(['M01', 'M02', 'M03', 'M04']);

    const res = await call(principals.hepingClerk, 'POST', '/window/applications', {
      itemCode: 'XK-CG-001',
      formData: { sign: '和平小馆' },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, paper: true })),
      applicant: { type: 'enterprise', name: '天津示例餐饮有限公司', idNumber: '91120101MA05T8K25N' },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await call(principals.hepingClerk, 'POST', `/window/applications/${id}/accept`, {})).json().state).toBe(
      'ACCEPTED',
    );
    const cgReviewer = staff('rev-cg-hp', {
      name: '城管审查员',
      department: 'CG',
      division: '120101',
      roles: ['reviewer'],
    });
    const task = await waitFor(
      async () =>
        (await call(cgReviewer, 'GET', '/tasks')).json().find((t: { applicationId: string }) => t.applicationId === id),
      30_000,
      100,
      'task',
    );
    expect(task).toMatchObject({ department: 'CG', division: '120101', state: 'OPEN', twoStepReview: false });
  });
});
