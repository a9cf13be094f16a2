import { DedicatedKafka, createTopics, waitFor } from '@onewindow/testing';
import { EventConsumer } from '../src/inbox/event-consumer';
import { createKafka } from '../src/kafka-client';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { OutboxWriter } from '../src/outbox/outbox-writer';
import { messagingFixture } from './fixture';

// F1: Kafka stopped while writes go on. A broker of this test's own (port 59192) so stopping it
// does not disturb the tests running beside it on the shared broker.
describe('F1: a Kafka outage loses and blocks nothing', () => {
  const broker = new DedicatedKafka('f1-outage', 59192);
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  const COUNTERS = 10;
  const STEPS_BEFORE = 10;
  const STEPS_DURING = 20;
  const STEPS_AFTER = 10;

  beforeAll(async () => {
    await broker.start();
    fx = await messagingFixture('f1');
    await createTopics(broker.brokers, [fx.topic]);
    const kafka = createKafka('f1-test', broker.brokers);
    relay = new OutboxRelay(fx.ds, kafka, { service: `f1-${fx.topic}`, pollIntervalMs: 200, maxBackoffMs: 1000 });
    consumer = new EventConsumer(fx.ds, kafka, fx.registry, {
      name: `f1-${fx.topic}`,
      topics: [fx.topic],
      handlers: fx.handlers,
    });
    relay.start();
    await consumer.start();
  }, 180_000);

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await fx?.close();
    await broker.stop();
  }, 120_000);

  async function writeRound(steps: number): Promise<number[]> {
    const writer = new OutboxWriter(fx.registry, 'test');
    const latencies: number[] = [];
    for (let s = 0; s < steps; s++) {
      await Promise.all(
        Array.from({ length: COUNTERS }, async (_, c) => {
          const t = Date.now();
          await fx.step(writer, `counter-${c}`);
          latencies.push(Date.now() - t);
        }),
      );
    }
    return latencies;
  }

  it('every write succeeds while Kafka is down, every event arrives afterwards, in order, once', async () => {
    await writeRound(STEPS_BEFORE);
    await waitFor(
      async () => (await fx.effects()).length === COUNTERS * STEPS_BEFORE,
      60_000,
      200,
      'events before the outage',
    );

    await broker.stop();
    const during = await writeRound(STEPS_DURING);
    // Writes neither fail nor wait for the broker: they only touch Postgres.
    expect(during).toHaveLength(COUNTERS * STEPS_DURING);
    expect(Math.max(...during)).toBeLessThan(2000);
    const [pending] = await fx.ds.query('select count(*)::int as n from outbox_event where published_at is null');
    expect(pending.n).toBe(COUNTERS * STEPS_DURING);

    await broker.start();
    await writeRound(STEPS_AFTER);
    const total = COUNTERS * (STEPS_BEFORE + STEPS_DURING + STEPS_AFTER);
    await waitFor(async () => (await fx.effects()).length >= total, 120_000, 250, 'every event after Kafka is back');

    const effects = await fx.effects();
    expect(effects).toHaveLength(total);
    // Per-aggregate order: each counter's steps were applied 1, 2, 3, ... in the order they happened.
    for (let c = 0; c < COUNTERS; c++) {
      const steps = effects.filter((e) => e.counter === `counter-${c}`).map((e) => e.step);
      expect(steps).toEqual(Array.from({ length: STEPS_BEFORE + STEPS_DURING + STEPS_AFTER }, (_, i) => i + 1));
    }
    const [left] = await fx.ds.query('select count(*)::int as n from outbox_event where published_at is null');
    expect(left.n).toBe(0);
  });
});
