import { Module } from '@nestjs/common';
import { AuthModule, type Principal } from '@onewindow/auth';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { bootTestService, type TestService } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { messagingEntities } from '../src/entities';
import { MessagingModule } from '../src/messaging.module';
import { messagingMigrations } from '../src/migrations';

// The dead-letter admin API over HTTP (runbook: replay dead letters): who may call it, and bad input
// refused with a 4xx that changes nothing.
const admin: Principal = {
  type: 'staff',
  sub: 'admin-1',
  name: '平台管理员',
  orgUnit: 'SC-120000',
  division: '120000',
  level: 'city',
  roles: ['platform-admin'],
};
const clerk: Principal = {
  type: 'staff',
  sub: 'clerk-1',
  name: '窗口',
  orgUnit: 'SC-120000',
  division: '120000',
  level: 'city',
  roles: ['window-clerk'],
};
const citizen: Principal = { type: 'citizen', sub: 'c-1', name: '张三' };

describe('dead-letter admin API', () => {
  let svc: TestService;
  let ds: DataSource;
  let id: string;

  beforeAll(async () => {
    svc = await bootTestService(
      'dl_admin',
      () => {
        @Module({
          imports: [
            ObservabilityModule,
            AuthModule.forRoot(),
            PersistenceModule.forService({
              database: 'ow_test',
              entities: messagingEntities,
              migrations: messagingMigrations,
              poolSize: 4,
            }),
            MessagingModule.forService({ service: 'dl-admin-test', contracts: [] }),
          ],
        })
        class DeadLetterAdminTestModule {}
        return DeadLetterAdminTestModule;
      },
      { service: 'dl-admin-test' },
    );
    ds = svc.app.get(DataSource);
    [{ id }] = await ds.query(
      `insert into dead_letter (consumer, topic, partition, "offset", key, payload, reason, error, attempts)
       values ('some-consumer', 'intake.application.v1', 0, '42', 'A1', '{not json', 'invalid', 'not JSON', 0) returning id`,
    );
  });
  afterAll(() => svc?.close());

  const call = async (p: Principal | null, method: 'GET' | 'POST', url: string) =>
    svc.app.inject({ method, url, headers: p ? { authorization: `Bearer ${await svc.token(p)}` } : {} });
  const row = async () => (await ds.query('select status, resolved_by from dead_letter where id = $1', [id]))[0];

  it('is for platform admins only: 401 without a token, 403 for others', async () => {
    expect((await call(null, 'GET', '/admin/dead-letters')).statusCode).toBe(401);
    expect((await call(citizen, 'GET', '/admin/dead-letters')).statusCode).toBe(403);
    expect((await call(clerk, 'GET', '/admin/dead-letters')).statusCode).toBe(403);
    expect((await call(clerk, 'POST', `/admin/dead-letters/${id}/discard`)).statusCode).toBe(403);
    expect(await row()).toEqual({ status: 'open', resolved_by: null });
  });

  it('lists and reads dead letters', async () => {
    const list = await call(admin, 'GET', '/admin/dead-letters?status=open&limit=10');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({ id, consumer: 'some-consumer', reason: 'invalid', payload: '{not json' }),
    ]);
    expect((await call(admin, 'GET', `/admin/dead-letters/${id}`)).json()).toMatchObject({ id, offset: '42' });
  });

  it('refuses malformed queries and ids with 400, unknown ids with 404, in the platform error shape', async () => {
    for (const url of [
      '/admin/dead-letters?status=lost',
      '/admin/dead-letters?limit=0',
      '/admin/dead-letters?limit=9999',
      '/admin/dead-letters?extra=1',
      '/admin/dead-letters/not-a-uuid',
    ]) {
      const r = await call(admin, 'GET', url);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 400 });
      expect(r.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
    }
    expect((await call(admin, 'POST', '/admin/dead-letters/not-a-uuid/replay')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/admin/dead-letters/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(
      (await call(admin, 'POST', '/admin/dead-letters/00000000-0000-4000-8000-000000000000/replay')).statusCode,
    ).toBe(404);
    expect(await row()).toEqual({ status: 'open', resolved_by: null });
  });

  it('replay of a message whose consumer is not in this service is a 409 that changes nothing', async () => {
    const r = await call(admin, 'POST', `/admin/dead-letters/${id}/replay`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/no such consumer here/);
    expect(await row()).toEqual({ status: 'open', resolved_by: null });
  });

  it('discards once, recording who; a second discard or a replay of a closed one is 409', async () => {
    const r = await call(admin, 'POST', `/admin/dead-letters/${id}/discard`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'discarded', resolvedBy: 'staff:admin-1' });
    const again = await call(admin, 'POST', `/admin/dead-letters/${id}/discard`);
    expect(again.statusCode).toBe(409);
    expect(again.json().details).toEqual({ currentState: 'discarded' });
    expect((await call(admin, 'POST', `/admin/dead-letters/${id}/replay`)).statusCode).toBe(409);
  });
});
