import { createEnvelope, dlqTopic } from '@onewindow/contracts';
import { createTopics, kafkaBrokers, waitFor } from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import { DeadLetterService } from '../src/dead-letters/dead-letter.service';
import { EventConsumer, on } from '../src/inbox/event-consumer';
import { createKafka } from '../src/kafka-client';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { OutboxWriter } from '../src/outbox/outbox-writer';
import { messagingFixture, startPipeline, stopPipeline } from './fixture';

// F3 (redelivery has one effect) and F4 (poison goes to the DLQ, consumption goes on), on the real
// Kafka broker and Postgres started by deploy/local/infra.sh.
describe('inbox and dead letters against real Kafka and Postgres', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  let deadLetters: DeadLetterService;
  const raw = new Kafka({ clientId: 'raw', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const producer = raw.producer();
  let failOn: number | null = null;

  beforeAll(async () => {
    fx = await messagingFixture('inbox');
    await createTopics(kafkaBrokers(), [fx.topic, dlqTopic(fx.topic)]);
    const kafka = createKafka('inbox-test');
    relay = new OutboxRelay(fx.ds, kafka, { service: `inbox-${fx.topic}`, pollIntervalMs: 200 });
    const [stepped] = fx.handlers;
    consumer = new EventConsumer(fx.ds, kafka, fx.registry, {
      name: `c-${fx.topic}`,
      topics: [fx.topic],
      maxAttempts: 3,
      backoffMs: 20,
      handlers: [
        on(fx.Stepped, async (e, m) => {
          if (e.data.step === failOn) throw new Error(`step ${failOn} refused by the handler`);
          await ('one' in stepped ? stepped.one(e, m) : undefined);
        }),
      ],
    });
    deadLetters = new DeadLetterService(fx.ds);
    deadLetters.registerConsumer(consumer);
    await startPipeline({ relay, consumer, producer });
  });

  afterAll(() => stopPipeline({ relay, consumer, producer }, fx));

  it('F3: the same event delivered twice, and again after others, has one effect', async () => {
    const writer = new OutboxWriter(fx.registry, 'test');
    await fx.step(writer, 'dup-a');
    await waitFor(async () => (await fx.effects()).some((e) => e.counter === 'dup-a'), 30_000, 100, 'first effect');
    const [row] = await fx.ds.query(`select envelope from outbox_event where key = 'dup-a'`);
    // Redeliver the very same envelope twice, and interleave an event of another aggregate.
    await producer.send({
      topic: fx.topic,
      messages: [
        { key: 'dup-a', value: JSON.stringify(row.envelope) },
        { key: 'dup-a', value: JSON.stringify(row.envelope) },
      ],
    });
    await fx.step(writer, 'dup-b');
    await waitFor(
      async () => (await fx.effects()).some((e) => e.counter === 'dup-b'),
      30_000,
      100,
      'other aggregate effect',
    );
    const effects = (await fx.effects()).filter((e) => e.counter === 'dup-a');
    expect(effects).toHaveLength(1);
    const [inbox] = await fx.ds.query(`select count(*)::int as n from inbox_event where event_id = $1`, [
      row.envelope.id,
    ]);
    expect(inbox.n).toBe(1);
  });

  it('F4: invalid messages go to the DLQ topic and table, and the next good message is still applied', async () => {
    const dlqSeen: { value: string; reason: string }[] = [];
    const dlqConsumer = raw.consumer({ groupId: `dlq-reader-${fx.topic}` });
    await dlqConsumer.connect();
    await dlqConsumer.subscribe({ topic: dlqTopic(fx.topic), fromBeginning: true });
    await dlqConsumer.run({
      eachMessage: async ({ message }) => {
        dlqSeen.push({ value: message.value!.toString(), reason: message.headers!['ow-dlq-reason']!.toString() });
      },
    });

    const badPayload = createEnvelope({
      type: fx.Stepped.type,
      source: 'test',
      subject: 'poison',
      actor: { type: 'service', id: 't' },
      data: { counter: 'poison', step: 'one' },
    });
    await producer.send({
      topic: fx.topic,
      messages: [
        { key: 'poison', value: '{not json' },
        { key: 'poison', value: JSON.stringify(badPayload) },
      ],
    });
    const writer = new OutboxWriter(fx.registry, 'test');
    await fx.step(writer, 'after-poison');

    await waitFor(
      async () => (await fx.effects()).some((e) => e.counter === 'after-poison'),
      30_000,
      100,
      'good message after poison',
    );
    await waitFor(async () => dlqSeen.length >= 2, 30_000, 100, 'two messages on the DLQ topic');
    await dlqConsumer.disconnect();
    expect(dlqSeen.map((d) => d.reason)).toEqual(['invalid', 'invalid']);
    expect(dlqSeen.map((d) => d.value)).toEqual(['{not json', JSON.stringify(badPayload)]);
    const rows = await deadLetters.list({ consumer: consumer.name });
    expect(rows.filter((r) => r.reason === 'invalid')).toHaveLength(2);
    expect(rows.find((r) => r.payload === JSON.stringify(badPayload))!.error).toMatch(/step/);
    expect((await fx.effects()).filter((e) => e.counter === 'poison')).toHaveLength(0);
  });

  it('F4: a handler that keeps failing is retried a bounded number of times, dead-lettered, and replayed once fixed', async () => {
    const writer = new OutboxWriter(fx.registry, 'test');
    failOn = 2;
    await fx.step(writer, 'flaky'); // step 1: applied
    await fx.step(writer, 'flaky'); // step 2: refused three times, dead-lettered
    await fx.step(writer, 'other'); // consumption goes on
    await waitFor(
      async () => (await fx.effects()).some((e) => e.counter === 'other'),
      30_000,
      100,
      'consumption after failure',
    );
    const dl = await waitFor(
      async () =>
        (await deadLetters.list({ consumer: consumer.name, status: 'open' })).find((r) => r.reason === 'failed'),
      30_000,
      100,
      'failed dead letter',
    );
    expect(dl.attempts).toBe(3);
    expect(dl.error).toMatch(/step 2 refused/);
    expect((await fx.effects()).filter((e) => e.counter === 'flaky').map((e) => e.step)).toEqual([1]);

    // Replaying while the cause is still there leaves it open with the new error.
    const again = await deadLetters.replay(dl.id, 'staff:admin');
    expect(again.outcome).toBe('dead-lettered');
    expect(again.deadLetter.status).toBe('open');

    failOn = null; // the bug is fixed
    const replayed = await deadLetters.replay(dl.id, 'staff:admin');
    expect(replayed.outcome).toBe('applied');
    expect(replayed.deadLetter.status).toBe('replayed');
    expect((await fx.effects()).filter((e) => e.counter === 'flaky').map((e) => e.step)).toEqual([1, 2]);
    await expect(deadLetters.replay(dl.id, 'staff:admin')).rejects.toMatchObject({ status: 409 });
  });

  it('refuses to write an event that breaks its contract, and the state change is rolled back with it', async () => {
    const writer = new OutboxWriter(fx.registry, 'test');
    await expect(
      fx.ds.transaction(async (m) => {
        await m.query(`insert into counter (id, step) values ('broken', 1)`);
        await writer.add(m, fx.Stepped, {
          subject: 'broken',
          actor: { type: 'service', id: 't' },
          data: { counter: 'broken', step: -1 },
        });
      }),
    ).rejects.toThrow(/invalid payload/);
    expect(await fx.ds.query(`select * from counter where id = 'broken'`)).toHaveLength(0);
    expect(await fx.ds.query(`select * from outbox_event where key = 'broken'`)).toHaveLength(0);
  });
});
