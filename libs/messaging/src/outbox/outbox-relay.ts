import { Client } from 'pg';
import { Kafka, Producer, CompressionTypes, Partitioners } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { eventsCounter } from '@onewindow/observability';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { toPhysical } from '../kafka-client';

export interface OutboxRelayOptions {
  /** Names the advisory lock: one relay per service database publishes at a time, keeping order. */
  service: string;
  batchSize?: number;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  /** Published rows between two vacuums of the outbox (see vacuum()); default OW_OUTBOX_VACUUM_EVERY or 5,000. */
  vacuumEvery?: number;
  logger?: Logger;
}

interface Row {
  seq: string;
  topic: string;
  key: string;
  type: string;
  /** The envelope as stored text: sent as is, never parsed and re-serialised. */
  envelope: string;
}

/**
 * Publishes outbox rows to Kafka in `seq` order and marks them sent. While Kafka is down it keeps
 * retrying the oldest batch with backoff; the rows wait in Postgres, so no write is lost or blocked.
 * Delivery is at-least-once (a batch whose acknowledgement was lost is sent again); consumers'
 * inboxes make the repeat harmless.
 */
export class OutboxRelay {
  private producer?: Producer;
  private control?: Client;
  private running = false;
  private leader = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxBackoffMs: number;
  private readonly vacuumEvery: number;
  published = 0;
  private publishedSinceVacuum = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly kafka: Kafka,
    private readonly opts: OutboxRelayOptions,
  ) {
    this.batchSize = opts.batchSize ?? 2000;
    // Polling, not LISTEN/NOTIFY: NOTIFY takes a global lock at commit and would serialise every
    // applicant write; an indexed poll for unpublished rows every 50 ms costs next to nothing.
    this.pollMs = opts.pollIntervalMs ?? 50;
    this.maxBackoffMs = opts.maxBackoffMs ?? 5000;
    this.vacuumEvery = opts.vacuumEvery ?? Number(process.env.OW_OUTBOX_VACUUM_EVERY ?? 5_000);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: true,
      maxInFlightRequests: 1,
      idempotent: false,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer?.disconnect().catch(() => undefined);
    await this.control?.end().catch(() => undefined);
    this.control = undefined;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    let connected = false;
    while (this.running) {
      try {
        if (!(await this.ensureLeader())) {
          await this.sleep(this.pollMs);
          continue;
        }
        if (!connected) {
          await this.producer!.connect();
          connected = true;
        }
        const n = await this.publishBatch();
        backoff = 100;
        if (n < this.batchSize) await this.sleep(this.pollMs);
      } catch (err) {
        this.opts.logger?.warn({ err: (err as Error).message }, 'outbox relay: publish failed, will retry');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
      }
    }
  }

  /** A dedicated connection holds the advisory lock, so exactly one replica's relay publishes. */
  private async ensureLeader(): Promise<boolean> {
    if (this.control && this.leader) return true;
    if (!this.control) {
      const o = this.ds.options as PostgresConnectionOptions;
      const client = new Client({
        host: o.host,
        port: o.port,
        user: o.username,
        password: o.password as string,
        database: o.database,
        application_name: `${this.opts.service}-outbox-relay`,
      });
      client.on('error', () => {
        this.leader = false;
        this.control = undefined;
      });
      await client.connect();
      this.control = client;
    }
    const r = await this.control.query('select pg_try_advisory_lock(hashtext($1)) as ok', [
      `outbox-relay:${this.opts.service}`,
    ]);
    this.leader = r.rows[0].ok === true;
    return this.leader;
  }

  private async publishBatch(): Promise<number> {
    const rows: Row[] = await this.ds.query(
      'select seq, topic, key, type, envelope::text as envelope from outbox_event where published_at is null order by seq limit $1',
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    try {
      // Group by topic in seq order: kafkajs keeps message order within one topic's list.
      const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
      for (const r of rows) {
        const list = byTopic.get(r.topic) ?? [];
        list.push({ key: r.key, value: r.envelope, headers: { 'ow-event-type': r.type } });
        byTopic.set(r.topic, list);
      }
      await this.producer!.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: toPhysical(topic), messages })),
      });
    } catch (err) {
      await this.ds
        .query('update outbox_event set attempts = attempts + 1, last_error = $2 where seq = any($1::bigint[])', [
          rows.map((r) => r.seq),
          String((err as Error).message).slice(0, 500),
        ])
        .catch(() => undefined);
      for (const t of new Set(rows.map((r) => r.topic)))
        eventsCounter.inc({ direction: 'out', topic: t, outcome: 'retry' });
      throw err;
    }
    await this.ds.query('update outbox_event set published_at = now() where seq = any($1::bigint[])', [
      rows.map((r) => r.seq),
    ]);
    this.published += rows.length;
    this.publishedSinceVacuum += rows.length;
    if (this.publishedSinceVacuum >= this.vacuumEvery) await this.vacuum();
    for (const t of new Set(rows.map((r) => r.topic)))
      eventsCounter.inc({ direction: 'out', topic: t, outcome: 'published' }, rows.filter((r) => r.topic === t).length);
    return rows.length;
  }

  /**
   * Each published row leaves a dead entry in the unpublished-rows index until a vacuum removes it,
   * and every poll walks those from the lowest seq: under a steady stream the poll grows until
   * autovacuum comes round (once a minute at best). The relay, which knows how many it left, vacuums
   * the table itself every `vacuumEvery` rows (a plain VACUUM blocks no writer).
   */
  private async vacuum(): Promise<void> {
    this.publishedSinceVacuum = 0;
    await this.ds
      .query('vacuum (skip_locked) outbox_event')
      .catch((err) => this.opts.logger?.warn({ err: (err as Error).message }, 'outbox relay: vacuum failed'));
  }

  /** Rows not yet published, for readiness detail and the runbook. */
  async backlog(): Promise<{ pending: number; oldest: string | null }> {
    const [r] = await this.ds.query(
      'select count(*)::int as pending, min(created_at) as oldest from outbox_event where published_at is null',
    );
    return r;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
