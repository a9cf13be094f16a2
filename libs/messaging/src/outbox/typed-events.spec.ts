import { defineEvent, EventRegistry, type PayloadOf } from '@onewindow/contracts';
import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { EventConsumer, EventHandling, on, onBatch } from '../inbox/event-consumer';
import { OutboxWriter } from './outbox-writer';

/*
 * Publishing takes the contract and handlers are typed from it, so a changed schema breaks the compile
 * of every producer and consumer. The `@ts-expect-error` lines are the proof: `npm test` type-checks
 * this file, and tsc fails if any of them stops being an error (e.g. if `add` went back to taking a
 * type string and an untyped payload).
 */
const Granted = defineEvent({
  type: 'test.licence.granted',
  topic: 'test.licence.v1',
  schema: z.object({ licenceId: z.string(), validYears: z.number().int() }).strict(),
});
type Granted = PayloadOf<typeof Granted>;

function compileTimeChecks(writer: OutboxWriter, m: EntityManager): void {
  const actor = { type: 'system' as const, id: 't' };
  void writer.add(m, Granted, { subject: 'l1', actor, data: { licenceId: 'l1', validYears: 5 } });
  // @ts-expect-error a field of the wrong type
  void writer.add(m, Granted, { subject: 'l1', actor, data: { licenceId: 'l1', validYears: 'five' } });
  // @ts-expect-error a field the contract does not have
  void writer.add(m, Granted, { subject: 'l1', actor, data: { licenceId: 'l1', validYears: 5, extra: true } });
  // @ts-expect-error a type string instead of the contract
  void writer.add(m, { type: 'test.licence.granted', subject: 'l1', actor, data: {} });
  on(Granted, async (e) => void e.data.validYears.toFixed());
  // @ts-expect-error the handler reads a field the contract does not have
  on(Granted, async (e) => void e.data.validUntil);
  onBatch(Granted, async (events) => void events.map((e) => e.data.licenceId.toUpperCase()));
  const payload: Granted = { licenceId: 'l1', validYears: 5 };
  // @ts-expect-error PayloadOf is the contract's payload, not any
  const wrong: Granted = { licenceId: 1 };
  void payload;
  void wrong;
}

describe('typed events', () => {
  it('are checked by tsc (this file), and at run time by the contract as before', () => {
    expect(typeof compileTimeChecks).toBe('function');
    const writer = new OutboxWriter(new EventRegistry([Granted]), 'test');
    const row = writer.prepare(Granted, {
      subject: 'l1',
      actor: { type: 'system', id: 't' },
      data: { licenceId: 'l1', validYears: 5 },
    });
    expect(row).toMatchObject({
      topic: 'test.licence.v1',
      key: 'l1',
      type: 'test.licence.granted',
      envelope: { type: 'test.licence.granted', version: 1, data: { licenceId: 'l1', validYears: 5 } },
    });
    // Past the compiler (a cast), the schema still refuses it.
    expect(() =>
      writer.prepare(Granted, {
        subject: 'l1',
        actor: { type: 'system', id: 't' },
        data: { licenceId: 'l1', validYears: 'five' } as never,
      }),
    ).toThrow(/invalid payload/);
  });

  it('a consumer refuses one event type handled twice', () => {
    const consumer = (handlers: EventHandling[]) =>
      new EventConsumer({} as DataSource, {} as Kafka, new EventRegistry([Granted]), {
        name: 'c',
        topics: ['test.licence.v1'],
        handlers,
      });
    expect(() => consumer([on(Granted, async () => undefined)])).not.toThrow();
    expect(() => consumer([on(Granted, async () => undefined), onBatch(Granted, async () => undefined)])).toThrow(
      /handled twice/,
    );
  });
});
