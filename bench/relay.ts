// Event relay benchmark (90-quality.md): outbox → Kafka → inbox, events/s and lag, beside a raw
// kafkajs producer → consumer round trip of the same messages on the same broker in the same run.
//   node -r @swc-node/register bench/relay.ts [events=20000]
import { defineEvent, EventRegistry } from '@onewindow/contracts';
import {
  createKafka,
  EventConsumer,
  messagingEntities,
  messagingMigrations,
  on,
  OutboxRelay,
  OutboxWriter,
} from '@onewindow/messaging';
import { createServiceDataSource, runMigrations } from '@onewindow/persistence';
import { createTestDatabase, createTopics, kafkaBrokers, uniqueTopic, waitFor } from '@onewindow/testing';
import { z } from 'zod';
import { rawRoundTrip } from './raw-kafka';
import { percentile, report } from './report';

const N = Number(process.argv[2] ?? 20000);
const WRITERS = 16;

async function outbox(topic: string, mode: 'live' | 'drain') {
  const Stepped = defineEvent({
    type: 'bench.counter.stepped',
    topic,
    schema: z.object({ counter: z.string(), step: z.number().int(), pad: z.string() }),
  });
  const registry = new EventRegistry([Stepped]);
  const db = await createTestDatabase('bench_relay');
  const ds = await createServiceDataSource({
    database: db.connection.database,
    connection: db.connection,
    entities: messagingEntities,
    migrations: messagingMigrations,
    poolSize: 24,
  }).initialize();
  await runMigrations(ds);
  await ds.query(
    'create table effect (event_id uuid primary key, created_at timestamptz not null, applied_at timestamptz not null default clock_timestamp())',
  );
  const kafka = createKafka('bench-outbox');
  const relay = new OutboxRelay(ds, kafka, { service: `bench-${topic}`, pollIntervalMs: 50 });
  const consumer = new EventConsumer(ds, kafka, registry, {
    name: `bench-${topic}`,
    topics: [topic],
    partitionsConsumedConcurrently: 3,
    handlers: [
      on(Stepped, async (e, m) => {
        await m.query('insert into effect (event_id, created_at) values ($1, $2)', [e.id, e.time]);
      }),
    ],
  });
  const writer = new OutboxWriter(registry, 'bench');
  const event = (i: number) => ({
    subject: `c-${i % 100}`,
    actor: { type: 'service' as const, id: 'bench' },
    data: { counter: `c-${i % 100}`, step: i, pad: 'x'.repeat(200) },
  });
  if (mode === 'drain') {
    // The outbox is filled first (a backlog, as after a Kafka outage); only the drain is timed.
    for (let i = 0; i < N; i += 500)
      await ds.transaction(async (m) => {
        for (let j = i; j < Math.min(N, i + 500); j++) await writer.add(m, Stepped, event(j));
      });
  }
  // Drain: the relay alone empties the backlog (outbox → Kafka), then the consumer alone applies it
  // (Kafka → inbox), so neither figure is spent on the other's CPU. Live: both run while writers write.
  if (mode === 'live') await consumer.start();
  const t0 = Date.now();
  relay.start();
  let next = 0;
  // Live: each write is one transaction with one event, as an applicant's write is.
  if (mode === 'live') {
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        for (let i = next++; i < N; i = next++) await ds.transaction((m) => writer.add(m, Stepped, event(i)));
      }),
    );
  }
  const written = Date.now();
  let publishedAt = 0;
  if (mode === 'drain') {
    await waitFor(
      async () => (await ds.query('select count(*)::int as n from outbox_event where published_at is null'))[0].n === 0,
      600_000,
      50,
      'outbox drained',
    );
    publishedAt = Date.now();
    await consumer.start();
  }
  const c0 = Date.now();
  await waitFor(
    async () => {
      if (
        !publishedAt &&
        (await ds.query('select count(*)::int as n from outbox_event where published_at is null'))[0].n === 0
      )
        publishedAt = Date.now();
      return (await ds.query('select count(*)::int as n from effect'))[0].n >= N;
    },
    600_000,
    100,
    'outbox consumption',
  );
  if (!publishedAt) publishedAt = Date.now();
  const consumedAt = Date.now();
  const lags: number[] = (
    await ds.query('select extract(epoch from (applied_at - created_at)) * 1000 as lag from effect')
  ).map((r: { lag: string }) => Number(r.lag));
  const [{ last }] = await ds.query('select extract(epoch from max(applied_at)) * 1000 as last from effect');
  await consumer.stop();
  await relay.stop();
  await ds.destroy();
  await db.drop();
  return {
    consumePerSec: N / ((consumedAt - c0) / 1000),
    relayPerSec: N / ((publishedAt - t0) / 1000),
    writesPerSec: mode === 'live' ? N / ((written - t0) / 1000) : NaN,
    e2ePerSec: N / ((Number(last) - t0) / 1000),
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
  };
}

(async () => {
  const rawTopic = uniqueTopic('bench-raw');
  const outTopic = uniqueTopic('bench-outbox');
  const drainTopic = uniqueTopic('bench-drain');
  await createTopics(kafkaBrokers(), [rawTopic, outTopic, drainTopic], 3);
  console.log(`event relay benchmark: ${N} events, 3 partitions, ${WRITERS} concurrent writers`);
  // Warm-up on a topic of its own first, so the ceiling is not measured on a cold JIT and connections.
  const warmTopic = uniqueTopic('bench-warm');
  await createTopics(kafkaBrokers(), [warmTopic], 3);
  await rawRoundTrip(warmTopic, 5000, {
    batch: 500,
    payload: (i) => ({ key: `w-${i % 100}`, value: JSON.stringify({ i, pad: 'x'.repeat(200) }) }),
  });
  const r = await rawRoundTrip(rawTopic, N, {
    batch: 500,
    payload: (i) => ({
      key: `c-${i % 100}`,
      value: JSON.stringify({ counter: `c-${i % 100}`, step: i, pad: 'x'.repeat(200) }),
    }),
  });
  const o = await outbox(outTopic, 'live');
  const d = await outbox(drainTopic, 'drain');
  const ratio = d.relayPerSec / r.producerPerSec;
  report(
    'relay',
    [
      {
        path: 'raw kafkajs producer → consumer (ceiling)',
        'published/s': r.producerPerSec,
        'consumed end to end/s': r.e2ePerSec,
        'lag p50 ms': r.lagP50,
        'lag p99 ms': r.lagP99,
      },
      {
        path: 'outbox backlog → relay → Kafka (relay alone)',
        'published/s': d.relayPerSec,
        'consumed end to end/s': '-',
        'lag p50 ms': '-',
        'lag p99 ms': '-',
      },
      {
        path: 'Kafka → inbox tx (consumer alone, same events)',
        'published/s': '-',
        'consumed end to end/s': d.consumePerSec,
        'lag p50 ms': '-',
        'lag p99 ms': '-',
      },
      {
        path: `live: ${WRITERS} writers, 1 event per tx`,
        'published/s': o.writesPerSec,
        'consumed end to end/s': o.e2ePerSec,
        'lag p50 ms': o.lagP50,
        'lag p99 ms': o.lagP99,
      },
    ],
    {
      events: N,
      relayRatioOfRawProducer: ratio,
      consumerRatioOfRaw: d.consumePerSec / r.e2ePerSec,
      liveRatioOfRaw: o.e2ePerSec / r.e2ePerSec,
      target: 'relay >= 50% of raw producer',
    },
  );
  console.log(
    `relay publishes at ${(ratio * 100).toFixed(1)}% of the raw kafkajs producer (target ≥ 50%): ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `inbox consumer: ${((d.consumePerSec / r.e2ePerSec) * 100).toFixed(1)}% of the raw consumer (each inbox run is a Postgres transaction with the handler's write; the raw consumer writes nothing)`,
  );
  console.log(
    `live path (one commit per applicant write): ${((o.e2ePerSec / r.e2ePerSec) * 100).toFixed(1)}% of the raw round trip`,
  );
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
