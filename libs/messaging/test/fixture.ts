import { defineEvent, EventRegistry } from '@onewindow/contracts';
import { createServiceDataSource, runMigrations } from '@onewindow/persistence';
import { createTestDatabase, TestDatabase, uniqueTopic } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { messagingEntities } from '../src/entities';
import { on } from '../src/inbox/event-consumer';
import type { OutboxWriter } from '../src/outbox/outbox-writer';
import { messagingMigrations } from '../src/migrations';

/** A small aggregate ("counter") whose every step emits an event: the state change the outbox rides on. */
export async function messagingFixture(name: string) {
  const topic = uniqueTopic(name);
  const Stepped = defineEvent({
    type: 'test.counter.stepped',
    topic,
    schema: z.object({ counter: z.string(), step: z.number().int().positive() }).strict(),
  });
  const registry = new EventRegistry([Stepped]);
  const db: TestDatabase = await createTestDatabase(name);
  const ds: DataSource = await createServiceDataSource({
    database: db.connection.database,
    connection: db.connection,
    entities: messagingEntities,
    migrations: messagingMigrations,
    poolSize: 10,
  }).initialize();
  await runMigrations(ds);
  await ds.query('create table counter (id text primary key, step int not null)');
  // The consumer's effect: one row per applied event; the unique key would reject a second effect
  // outright, so tests count rows and also compare against the events sent.
  await ds.query(
    'create table effect (n bigserial primary key, counter text not null, step int not null, event_id uuid not null, unique (counter, step))',
  );

  /** One applicant write: the state change and its event in one transaction. */
  async function step(writer: Pick<OutboxWriter, 'add'>, counter: string): Promise<number> {
    return ds.transaction(async (m) => {
      const [row] = await m.query(
        'insert into counter (id, step) values ($1, 1) on conflict (id) do update set step = counter.step + 1 returning step',
        [counter],
      );
      await writer.add(m, Stepped, {
        subject: counter,
        actor: { type: 'service', id: 'test' },
        data: { counter, step: row.step },
      });
      return row.step as number;
    });
  }

  const handlers = [
    on(Stepped, async (e, m) => {
      await m.query('insert into effect (counter, step, event_id) values ($1, $2, $3)', [
        e.data.counter,
        e.data.step,
        e.id,
      ]);
    }),
  ];

  return {
    topic,
    registry,
    ds,
    step,
    handlers,
    Stepped,
    async effects(): Promise<{ counter: string; step: number; n: string }[]> {
      return ds.query('select counter, step, n from effect order by n');
    },
    async close() {
      await ds.destroy();
      await db.drop();
    },
  };
}

/** The moving parts of a messaging test: a relay, a consumer and a raw producer (for redeliveries). */
export interface Pipeline {
  relay?: { start(): void; stop(): Promise<void> };
  consumer?: { start(): Promise<void>; stop(): Promise<void> };
  producer: { connect(): Promise<void>; disconnect(): Promise<void> };
}

export async function startPipeline(p: Pipeline): Promise<void> {
  await p.producer.connect();
  p.relay?.start();
  await p.consumer?.start();
}

/** Stops what `startPipeline` started, then drops the fixture's database. */
export async function stopPipeline(p: Pipeline, fx?: { close(): Promise<void> }): Promise<void> {
  await p.consumer?.stop();
  await p.relay?.stop();
  await p.producer.disconnect();
  await fx?.close();
}
