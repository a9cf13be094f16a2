import { createTopics, kafkaBrokers, waitFor } from '@onewindow/testing';
import { createKafka } from '../src/kafka-client';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { OutboxWriter } from '../src/outbox/outbox-writer';
import { messagingFixture } from './fixture';

// The relay vacuums the outbox every `vacuumEvery` published rows, so its poll does not walk an
// ever longer run of dead index entries between autovacuums (ADR 0016). Real Kafka and Postgres.
describe('outbox relay vacuums what it published', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let relay: OutboxRelay;

  beforeAll(async () => {
    fx = await messagingFixture('vacuum');
    await createTopics(kafkaBrokers(), [fx.topic]);
    relay = new OutboxRelay(fx.ds, createKafka('vacuum-test'), {
      service: `vacuum-${fx.topic}`,
      pollIntervalMs: 50,
      batchSize: 20,
      vacuumEvery: 50,
    });
  });
  afterAll(async () => {
    await relay?.stop();
    await fx?.close();
  });

  const vacuums = async () =>
    Number(
      (await fx.ds.query(`select vacuum_count from pg_stat_user_tables where relname = 'outbox_event'`))[0]
        .vacuum_count,
    );

  it('publishes everything and vacuums once per vacuumEvery rows', async () => {
    const before = await vacuums();
    const writer = new OutboxWriter(fx.registry, 'test');
    for (let i = 0; i < 120; i++) await fx.step(writer, `v-${i % 7}`);
    relay.start();
    await waitFor(
      async () =>
        (await fx.ds.query('select count(*)::int as n from outbox_event where published_at is null'))[0].n === 0,
      30_000,
      100,
      'all published',
    );
    // 120 rows in batches of 20, a vacuum once 50 have gone out since the last: after the 60th and the 120th.
    await waitFor(async () => (await vacuums()) - before >= 2, 10_000, 100, 'two vacuums');
    expect((await vacuums()) - before).toBeLessThanOrEqual(3);
  });
});
