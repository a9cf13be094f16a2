import {
  ContractViolation,
  dlqTopic,
  EventContract,
  EventEnvelope,
  EventRegistry,
  PayloadOf,
} from '@onewindow/contracts';
import { eventsCounter } from '@onewindow/observability';
import { Consumer, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { isInfrastructureError } from '@onewindow/persistence';
import { toLogical, toPhysical } from '../kafka-client';
import { ensureTopics } from '../topics-admin';

/** A handler applies one event's effect using the given transaction (the inbox row commits with it). */
export type EventHandler = (event: EventEnvelope<any>, manager: EntityManager) => Promise<void>;

/**
 * Applies the effect of several events at once (same transaction, same inbox commit): for effects that
 * cost a statement or two per event, where one statement for a run of events is far cheaper. Called
 * with a run of consecutive fresh events sharing this handler, in partition order.
 */
export type BatchEventHandler = (events: EventEnvelope<any>[], manager: EntityManager) => Promise<void>;

/** What a consumer does with one event type: built by `on` or `onBatch` from the event's contract. */
export type EventHandling = { type: string; one: EventHandler } | { type: string; batch: BatchEventHandler };

/**
 * Handles `contract`'s events one at a time. The handler's payload type comes from the contract, so a
 * changed schema breaks the compile of every consumer (libs/messaging/src/outbox/typed-events.spec.ts).
 */
export function on<C extends EventContract<any>>(
  contract: C,
  handle: (event: EventEnvelope<PayloadOf<C>>, manager: EntityManager) => Promise<void>,
): EventHandling {
  return { type: contract.type, one: handle };
}

/** Handles `contract`'s events in runs (see BatchEventHandler). */
export function onBatch<C extends EventContract<any>>(
  contract: C,
  handle: (events: EventEnvelope<PayloadOf<C>>[], manager: EntityManager) => Promise<void>,
): EventHandling {
  return { type: contract.type, batch: handle };
}

export interface EventConsumerOptions {
  /** The consumer's name: its Kafka group id and its key in the inbox. */
  name: string;
  topics: string[];
  /** One entry per event type handled (`on(Contract, fn)` or `onBatch(Contract, fn)`); other types are skipped. */
  handlers: EventHandling[];
  /** Attempts before a message that keeps failing goes to the dead-letter topic. */
  maxAttempts?: number;
  backoffMs?: number;
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  logger?: Logger;
}

export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  /** The `ow-event-type` header the outbox relay sets from the row's type (absent from other producers). */
  headerType?: string;
}

/** Messages applied in one transaction at most. */
const BATCH = 100;

export type ProcessOutcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

/**
 * Consumes events with an idempotent inbox: the event id is recorded in the same transaction as the
 * handler's effect, so redelivery has no second effect (F3). A message that is not a valid event, or
 * whose handler keeps failing after bounded retries, goes to `<topic>.dlq` and the dead_letter table,
 * and consumption goes on (F4). An outage of Postgres is not the message's fault: it is retried
 * through Kafka (the offset is not committed) instead of being dead-lettered.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly byType: Map<string, EventHandler | { batch: BatchEventHandler }>;

  constructor(
    private readonly ds: DataSource,
    private readonly kafka: Kafka,
    private readonly registry: EventRegistry,
    readonly opts: EventConsumerOptions,
  ) {
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.backoffMs = opts.backoffMs ?? 200;
    this.byType = handlersByType(opts.handlers);
  }

  get name(): string {
    return this.opts.name;
  }

  async start(): Promise<void> {
    await this.ensureTopics();
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: true,
    });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({
      groupId: toPhysical(this.opts.name),
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.opts.topics.map(toPhysical),
      fromBeginning: this.opts.fromBeginning ?? true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const messages = batch.messages.map((m) => toRaw(toLogical(batch.topic), batch.partition, m));
        for (let i = 0; i < messages.length && isRunning() && !isStale(); i += BATCH) {
          const chunk = messages.slice(i, i + BATCH);
          await this.processChunk(chunk);
          resolveOffset(chunk[chunk.length - 1].offset);
          await heartbeat();
        }
      },
    });
  }

  /**
   * Subscribing to a topic that does not exist yet leaves a kafkajs consumer idle for good, so the
   * topics and their dead-letter topics are created first (with the broker's default partitions).
   */
  private async ensureTopics(): Promise<void> {
    await ensureTopics(
      this.kafka,
      this.opts.topics.flatMap((t) => [toPhysical(t), toPhysical(dlqTopic(t))]),
    );
  }

  /** Stops fetching, lets the message in hand finish and commits its offset (graceful shutdown). */
  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /**
   * Applies a run of messages of one partition in one transaction (one commit, one fsync), in order.
   * If any handler fails the transaction is rolled back and the run is processed message by message,
   * each with its own retries and dead-lettering, so one bad event costs only itself.
   */
  async processChunk(chunk: RawMessage[]): Promise<void> {
    if (chunk.length === 1) {
      await this.process(chunk[0]);
      return;
    }
    const valid: { msg: RawMessage; event: EventEnvelope; handler: EventHandler | { batch: BatchEventHandler } }[] = [];
    for (const msg of chunk) {
      const parsed = this.parse(msg);
      if ('ignored' in parsed) continue;
      if ('invalid' in parsed) {
        await this.deadLetter(msg, 'invalid', parsed.invalid, 0, undefined);
        continue;
      }
      const handler = this.handlerOf(parsed.event.type);
      if (handler) valid.push({ msg, event: parsed.event, handler });
    }
    if (valid.length === 0) return;
    try {
      const applied = await this.ds.transaction(async (m) => {
        const rows: { event_id: string }[] = await m.query(
          `insert into inbox_event (consumer, event_id, topic, type)
           select $1, e.id, e.topic, e.type from unnest($2::uuid[], $3::text[], $4::text[]) as e(id, topic, type)
           on conflict do nothing returning event_id`,
          [this.opts.name, valid.map((v) => v.event.id), valid.map((v) => v.msg.topic), valid.map((v) => v.event.type)],
        );
        const fresh = new Set(rows.map((r) => r.event_id));
        // The same event twice in one run: only its first occurrence is fresh.
        const todo = valid.filter((v) => fresh.delete(v.event.id));
        for (let i = 0; i < todo.length;) {
          const h = todo[i].handler;
          if (typeof h === 'function') {
            await h(todo[i].event, m);
            i++;
            continue;
          }
          // A run of consecutive events with the same batch handler: one call, order kept.
          let j = i + 1;
          while (
            j < todo.length &&
            typeof todo[j].handler !== 'function' &&
            (todo[j].handler as { batch: BatchEventHandler }).batch === h.batch
          )
            j++;
          await h.batch(
            todo.slice(i, j).map((v) => v.event),
            m,
          );
          i = j;
        }
        return rows.length;
      });
      eventsCounter.inc({ direction: 'in', topic: chunk[0].topic, outcome: 'applied' }, applied);
      eventsCounter.inc({ direction: 'in', topic: chunk[0].topic, outcome: 'duplicate' }, valid.length - applied);
    } catch (err) {
      if (isInfrastructureError(err)) throw err;
      for (const v of valid) await this.process(v.msg);
    }
  }

  private handlerOf(type: string): EventHandler | { batch: BatchEventHandler } | undefined {
    return this.byType.get(type);
  }

  /**
   * A consumer validates what it applies. An event of a type it has no handler for is skipped
   * unvalidated (it has no effect here; a consumer that handles it validates it and dead-letters it if
   * need be); what is not JSON or names no type is dead-lettered.
   */
  private parse(msg: RawMessage): { event: EventEnvelope } | { ignored: true } | { invalid: string } {
    // Most of a topic's events are for other consumers: the relay's type header tells without parsing
    // the JSON. The header is written from the same outbox row as the envelope, so they agree.
    if (msg.headerType !== undefined && !this.handlerOf(msg.headerType)) return { ignored: true };
    try {
      const raw = JSON.parse(msg.value) as { type?: unknown } | null;
      if (raw !== null && typeof raw === 'object' && typeof raw.type === 'string' && !this.handlerOf(raw.type))
        return { ignored: true };
      return { event: this.registry.validate(raw, msg.topic) };
    } catch (err) {
      return {
        invalid:
          err instanceof ContractViolation
            ? `${err.message}: ${JSON.stringify(err.issues)}`
            : `不是合法的 JSON (not JSON): ${(err as Error).message}`,
      };
    }
  }

  async process(msg: RawMessage): Promise<ProcessOutcome> {
    const parsed = this.parse(msg);
    if ('ignored' in parsed) return 'ignored';
    if ('invalid' in parsed) {
      await this.deadLetter(msg, 'invalid', parsed.invalid, 0, undefined);
      return 'dead-lettered';
    }
    const event = parsed.event;
    const h = this.handlerOf(event.type);
    if (!h) return 'ignored';
    const handler: EventHandler = typeof h === 'function' ? h : (e, m) => h.batch([e], m);

    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await this.ds.transaction(async (m) => {
          const rows = await m.query(
            'insert into inbox_event (consumer, event_id, topic, type) values ($1, $2, $3, $4) on conflict do nothing returning event_id',
            [this.opts.name, event.id, msg.topic, event.type],
          );
          if (rows.length === 0) return false;
          await handler(event, m);
          return true;
        });
        eventsCounter.inc({ direction: 'in', topic: msg.topic, outcome: applied ? 'applied' : 'duplicate' });
        return applied ? 'applied' : 'duplicate';
      } catch (err) {
        if (isInfrastructureError(err)) throw err;
        if (attempt >= this.maxAttempts) {
          await this.deadLetter(msg, 'failed', String((err as Error)?.message ?? err), attempt, event);
          return 'dead-lettered';
        }
        this.opts.logger?.warn({ err: (err as Error).message, eventId: event.id, attempt }, 'handler failed, retrying');
        await new Promise((r) => setTimeout(r, this.backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  private async deadLetter(
    msg: RawMessage,
    reason: 'invalid' | 'failed',
    error: string,
    attempts: number,
    event?: EventEnvelope,
  ): Promise<void> {
    this.opts.logger?.error(
      { topic: msg.topic, partition: msg.partition, offset: msg.offset, reason, error },
      'message dead-lettered',
    );
    // The table row first: it is what the admin API lists and replays. If the DLQ publish then fails,
    // the offset is not committed and the message comes again; the upsert keeps one row per message
    // (a failed replay lands on the same row, reopened with the new error).
    await this.ds.query(
      `insert into dead_letter (consumer, topic, partition, "offset", key, event_id, event_type, payload, reason, error, attempts)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
       on conflict (consumer, topic, partition, "offset") do update
         set status = 'open', error = excluded.error, attempts = dead_letter.attempts + excluded.attempts, resolved_at = null, resolved_by = null`,
      [
        this.opts.name,
        msg.topic,
        msg.partition,
        msg.offset,
        msg.key,
        event?.id ?? null,
        event?.type ?? null,
        msg.value,
        reason,
        error.slice(0, 4000),
        attempts,
      ],
    );
    await this.producer!.send({
      topic: toPhysical(dlqTopic(msg.topic)),
      acks: -1,
      messages: [
        {
          key: msg.key,
          value: msg.value,
          headers: {
            'ow-dlq-reason': reason,
            'ow-dlq-error': error.slice(0, 1000),
            'ow-dlq-consumer': this.opts.name,
            'ow-source-topic': msg.topic,
            'ow-source-partition': String(msg.partition),
            'ow-source-offset': msg.offset,
          },
        },
      ],
    });
    eventsCounter.inc({ direction: 'in', topic: msg.topic, outcome: 'dead-lettered' });
  }
}

function toRaw(topic: string, partition: number, m: KafkaMessage): RawMessage {
  const type = m.headers?.['ow-event-type'];
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key?.toString() ?? null,
    value: m.value?.toString() ?? '',
    ...(type !== undefined && !Array.isArray(type) ? { headerType: type.toString() } : {}),
  };
}

function handlersByType(handlings: EventHandling[]): Map<string, EventHandler | { batch: BatchEventHandler }> {
  const byType = new Map<string, EventHandler | { batch: BatchEventHandler }>();
  for (const h of handlings) {
    if (byType.has(h.type)) throw new Error(`event type ${h.type} handled twice by one consumer`);
    byType.set(h.type, 'one' in h ? h.one : { batch: h.batch });
  }
  return byType;
}
