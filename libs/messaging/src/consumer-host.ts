import type { EventRegistry } from '@onewindow/contracts';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { EventConsumer, EventConsumerOptions } from './inbox/event-consumer';

/** Holds a service's consumers: they register while modules initialise and start once the app is up. */
export class ConsumerHost {
  private readonly consumers: EventConsumer[] = [];
  private started = false;
  private stopping = false;

  constructor(
    private readonly ds: DataSource,
    private readonly kafka: Kafka,
    private readonly registry: EventRegistry,
    private readonly deadLetters: DeadLetterService,
    private readonly logger?: Logger,
  ) {}

  register(opts: EventConsumerOptions): EventConsumer {
    const c = new EventConsumer(this.ds, this.kafka, this.registry, { logger: this.logger, ...opts });
    this.consumers.push(c);
    this.deadLetters.registerConsumer(c);
    if (this.started) void this.startWithRetry(c);
    return c;
  }

  /** Starts every consumer; one that cannot start yet (Kafka down) keeps trying in the background. */
  async startAll(): Promise<void> {
    this.started = true;
    await Promise.all(this.consumers.map((c) => this.startWithRetry(c)));
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  private async startWithRetry(c: EventConsumer): Promise<void> {
    for (let delay = 500; !this.stopping; delay = Math.min(delay * 2, 30_000)) {
      try {
        await c.start();
        return;
      } catch (err) {
        this.logger?.warn(
          { consumer: c.name, err: (err as Error).message, retryInMs: delay },
          'consumer could not start, retrying',
        );
        await c.stop();
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }
}
