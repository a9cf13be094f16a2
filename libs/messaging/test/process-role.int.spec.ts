import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@onewindow/auth';
import { defineEvent } from '@onewindow/contracts';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { bootTestService, uniqueTopic, waitFor, type TestService } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ConsumerHost } from '../src/consumer-host';
import { on } from '../src/inbox/event-consumer';
import { messagingEntities } from '../src/entities';
import { MessagingModule } from '../src/messaging.module';
import { messagingMigrations } from '../src/migrations';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { OutboxWriter } from '../src/outbox/outbox-writer';

// OW_ROLE=api (ADR 0018): an API-only process writes its events to the outbox but neither publishes
// them nor consumes; that is the workers' job. Real Postgres and Kafka.
const topic = uniqueTopic('role');
const Noted = defineEvent({ type: 'test.role.noted', topic, schema: z.object({ n: z.number().int() }).strict() });

@Injectable()
class EffectConsumer implements OnModuleInit {
  constructor(private readonly consumers: ConsumerHost) {}
  onModuleInit(): void {
    this.consumers.register({
      name: 'role-effects',
      topics: [topic],
      handlers: [on(Noted, async (e, m) => void (await m.query('insert into effect (event_id) values ($1)', [e.id])))],
    });
  }
}

describe('OW_ROLE=api: no relay, no consumers in the process', () => {
  let svc: TestService;
  let ds: DataSource;
  const before = process.env.OW_ROLE;

  beforeAll(async () => {
    process.env.OW_ROLE = 'api';
    svc = await bootTestService(
      'role_api',
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
            MessagingModule.forService({ service: 'role-test', contracts: [Noted] }),
          ],
          providers: [EffectConsumer],
        })
        class RoleTestModule {}
        return RoleTestModule;
      },
      { service: 'role-test' },
    );
    ds = svc.app.get(DataSource);
    await ds.query('create table effect (event_id uuid primary key)');
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.OW_ROLE;
    else process.env.OW_ROLE = before;
    await svc?.close();
  });

  const unpublished = async () =>
    Number((await ds.query('select count(*)::int as n from outbox_event where published_at is null'))[0].n);

  it('keeps its events in the outbox until a worker relay publishes them, and consumes nothing', async () => {
    const writer = svc.app.get(OutboxWriter);
    await ds.transaction((m) =>
      writer.add(m, Noted, { subject: 'role-1', actor: { type: 'service', id: 'test' }, data: { n: 1 } }),
    );
    // Twenty poll intervals of a running relay: the event is still waiting.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await unpublished()).toBe(1);
    // What a worker process does: its relay publishes the row.
    const relay = svc.app.get(OutboxRelay);
    relay.start();
    await waitFor(async () => (await unpublished()) === 0, 30_000, 100, 'the worker relay to publish');
    await relay.stop();
    // The event is on Kafka now; this process's consumer was never started, so nothing was applied.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ds.query('select event_id from effect')).toEqual([]);
  });
});
