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
    if (this.started) void c.start();
    return c;
  }

  async startAll(): Promise<void> {
    this.started = true;
    await Promise.all(this.consumers.map((c) => c.start()));
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
