import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventContract, EventRegistry } from '@onewindow/contracts';
import { createLogger, HealthRegistry } from '@onewindow/observability';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConsumerHost } from './consumer-host';
import { DeadLetterController } from './dead-letters/dead-letter.controller';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { brokersFromEnv, createKafka } from './kafka-client';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxWriter } from './outbox/outbox-writer';
import { runsBackgroundWork } from './process-role';

export const KAFKA = Symbol('KAFKA');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingModuleOptions {
  service: string;
  contracts: EventContract<any>[];
  brokers?: string[];
  /** Start the relay (default true); a read-only replica may turn it off. */
  relay?: boolean;
}

/** Starts consumers after the app is up and, on SIGTERM, stops them before the relay and the database. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingModuleOptions,
    private readonly relay: OutboxRelay,
    private readonly consumers: ConsumerHost,
  ) {}

  async onApplicationBootstrap() {
    // An API-only process (OW_ROLE=api) leaves the relay and the consumers to the service's workers.
    if (!runsBackgroundWork()) return;
    if (this.opts.relay !== false) this.relay.start();
    // Consumers connect in the background: a broker that is down must not keep the service from
    // taking applicants' writes (they wait in the outbox).
    void this.consumers.startAll().catch(() => undefined);
  }

  async onApplicationShutdown() {
    await this.consumers.stopAll();
    await this.relay.stop();
  }
}

@Module({})
export class MessagingModule {
  static forService(opts: MessagingModuleOptions): DynamicModule {
    const logger = createLogger(`${opts.service}-messaging`);
    return {
      module: MessagingModule,
      global: true,
      controllers: [DeadLetterController],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: opts },
        { provide: EventRegistry, useValue: new EventRegistry(opts.contracts) },
        { provide: KAFKA, useFactory: () => createKafka(opts.service, opts.brokers ?? brokersFromEnv(), logger) },
        {
          provide: OutboxWriter,
          inject: [EventRegistry],
          useFactory: (r: EventRegistry) => new OutboxWriter(r, opts.service),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, KAFKA, HealthRegistry],
          useFactory: (ds: DataSource, kafka: Kafka, health: HealthRegistry) => {
            const relay = new OutboxRelay(ds, kafka, { service: opts.service, logger });
            health.add({ name: 'outbox', critical: false, check: () => relay.backlog() });
            health.add({
              name: 'kafka',
              critical: false,
              check: async () => {
                const admin = kafka.admin();
                await admin.connect();
                try {
                  const c = await admin.describeCluster();
                  return { brokers: c.brokers.length };
                } finally {
                  await admin.disconnect();
                }
              },
            });
            return relay;
          },
        },
        { provide: DeadLetterService, inject: [DataSource], useFactory: (ds: DataSource) => new DeadLetterService(ds) },
        {
          provide: ConsumerHost,
          inject: [DataSource, KAFKA, EventRegistry, DeadLetterService],
          useFactory: (ds: DataSource, kafka: Kafka, r: EventRegistry, dl: DeadLetterService) =>
            new ConsumerHost(ds, kafka, r, dl, logger),
        },
        MessagingLifecycle,
      ],
      exports: [EventRegistry, KAFKA, OutboxWriter, OutboxRelay, ConsumerHost, DeadLetterService],
    };
  }
}
