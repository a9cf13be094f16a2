import { defineEvent, EventRegistry } from '@onewindow/contracts';
import { createTopics, kafkaBrokers, waitFor } from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { EventConsumer, on, onBatch } from '../src/inbox/event-consumer';
import { createKafka } from '../src/kafka-client';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { OutboxWriter } from '../src/outbox/outbox-writer';
import { messagingFixture, startPipeline, stopPipeline } from './fixture';

// Batch handlers on the real Kafka broker and Postgres: a run of consecutive events of one batch
// handler is applied by one call, in order, with events of other handlers kept in their place, and a
// redelivered event has no second effect.
describe('event consumer batch handlers (real Kafka and Postgres)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  let writer: OutboxWriter;
  const calls: number[] = [];
  const raw = new Kafka({ clientId: 'raw-batch', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const producer = raw.producer();
  let Reset: ReturnType<typeof resetContract>;
  const resetContract = (topic: string) =>
    defineEvent({ type: 'test.counter.reset', topic, schema: z.object({ counter: z.string() }).strict() });

  beforeAll(async () => {
    fx = await messagingFixture('batch');
    Reset = resetContract(fx.topic);
    const registry = new EventRegistry([fx.Stepped, Reset]);
    writer = new OutboxWriter(registry, 'test');
    await createTopics(kafkaBrokers(), [fx.topic]);
    await fx.ds.query('create table applied (n bigserial primary key, what text not null)');
    const kafka = createKafka('batch-test');
    relay = new OutboxRelay(fx.ds, kafka, { service: `batch-${fx.topic}`, pollIntervalMs: 100 });
    consumer = new EventConsumer(fx.ds, kafka, registry, {
      name: `c-${fx.topic}`,
      topics: [fx.topic],
      handlers: [
        on(
          Reset,
          async (e, m) => void (await m.query(`insert into applied (what) values ($1)`, [`reset ${e.data.counter}`])),
        ),
        onBatch(fx.Stepped, async (events, m) => {
          calls.push(events.length);
          await m.query(`insert into applied (what) select unnest($1::text[])`, [
            events.map((e) => `step ${e.data.counter}/${e.data.step}`),
          ]);
        }),
      ],
    });
    await startPipeline({ relay, consumer, producer });
  });

  afterAll(() => stopPipeline({ relay, consumer, producer }, fx));

  it('applies runs in one call each, in partition order around a single-handled event', async () => {
    // One transaction, one aggregate: published together, so they arrive in one fetch.
    await fx.ds.transaction(async (m) => {
      for (let s = 1; s <= 5; s++)
        await writer.add(m, fx.Stepped, {
          subject: 'b1',
          actor: { type: 'service', id: 't' },
          data: { counter: 'b1', step: s },
        });
      await writer.add(m, Reset, { subject: 'b1', actor: { type: 'service', id: 't' }, data: { counter: 'b1' } });
      for (let s = 6; s <= 8; s++)
        await writer.add(m, fx.Stepped, {
          subject: 'b1',
          actor: { type: 'service', id: 't' },
          data: { counter: 'b1', step: s },
        });
    });
    const expected = [1, 2, 3, 4, 5]
      .map((s) => `step b1/${s}`)
      .concat(
        'reset b1',
        [6, 7, 8].map((s) => `step b1/${s}`),
      );
    await waitFor(
      async () => (await fx.ds.query('select count(*)::int as n from applied'))[0].n === 9,
      30_000,
      100,
      'nine effects',
    );
    expect((await fx.ds.query('select what from applied order by n')).map((r: { what: string }) => r.what)).toEqual(
      expected,
    );
    expect(calls.reduce((a, b) => a + b, 0)).toBe(8);
    // Batched: fewer calls than events (a run never spans the reset, so at least two calls).
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBeLessThan(8);

    // The third step delivered again: no second effect.
    const [row] = await fx.ds.query(`select envelope from outbox_event where envelope->'data'->>'step' = '3'`);
    await producer.send({ topic: fx.topic, messages: [{ key: 'b1', value: JSON.stringify(row.envelope) }] });
    await fx.ds.transaction((m) =>
      writer.add(m, Reset, { subject: 'b1', actor: { type: 'service', id: 't' }, data: { counter: 'marker' } }),
    );
    await waitFor(
      async () => (await fx.ds.query(`select count(*)::int as n from applied where what = 'reset marker'`))[0].n === 1,
      30_000,
      100,
      'the marker after the redelivery',
    );
    expect((await fx.ds.query(`select count(*)::int as n from applied where what = 'step b1/3'`))[0].n).toBe(1);
  });
});
