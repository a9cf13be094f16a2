import { defineEvent, EventRegistry } from '@onewindow/contracts';
import { z } from 'zod';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { EventConsumer, on, RawMessage } from './event-consumer';

/**
 * Which messages a consumer skips without reading them (pure dispatch logic; the inbox and the
 * dead-letter path on real Postgres and Kafka are in libs/messaging/test).
 */
describe('EventConsumer: skipping events by the relay type header', () => {
  const touched: string[] = [];
  // Any database use stops the call here, so a test sees whether the message got that far.
  const ds = {
    query: async (sql: string) => {
      touched.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
      throw new Error('database reached');
    },
    transaction: async () => {
      touched.push('transaction');
      throw new Error('database reached');
    },
  } as unknown as DataSource;
  const consumer = new EventConsumer(ds, {} as Kafka, new EventRegistry(), {
    name: 'test-consumer',
    topics: ['test.topic.v1'],
    handlers: [
      on(
        defineEvent({ type: 'test.thing.handled', topic: 'test.topic.v1', schema: z.object({}) }),
        async () => undefined,
      ),
    ],
  });
  const msg = (value: string, headerType?: string): RawMessage => ({
    topic: 'test.topic.v1',
    partition: 0,
    offset: '7',
    key: 'k',
    value,
    ...(headerType ? { headerType } : {}),
  });

  beforeEach(() => touched.splice(0));

  it('ignores a message whose header names a type it has no handler for, without parsing it', async () => {
    await expect(consumer.process(msg('{not json at all', 'test.thing.other'))).resolves.toBe('ignored');
    expect(touched).toEqual([]);
  });

  it('reads the body when the header names a type it handles: an invalid one is dead-lettered', async () => {
    await expect(consumer.process(msg('{not json at all', 'test.thing.handled'))).rejects.toThrow('database reached');
    expect(touched).toEqual(['insert into dead_letter']);
  });

  it('reads the body when there is no header (another producer): not JSON is dead-lettered', async () => {
    await expect(consumer.process(msg('{not json at all'))).rejects.toThrow('database reached');
    expect(touched).toEqual(['insert into dead_letter']);
  });

  it('without a header still skips a valid-looking event of an unhandled type after reading it', async () => {
    await expect(consumer.process(msg(JSON.stringify({ type: 'test.thing.other' })))).resolves.toBe('ignored');
    expect(touched).toEqual([]);
  });
});
