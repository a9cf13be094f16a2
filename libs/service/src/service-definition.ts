import { DynamicModule, Module, Type } from '@nestjs/common';
import { AuthModule } from '@onewindow/auth';
import type { EventContract } from '@onewindow/contracts';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';

type NestImport = Type<unknown> | DynamicModule;
type MigrationClass = new () => unknown;

/**
 * What a service is made of, written once in the service's `service-definition.ts` and read by both its
 * AppModule and its tests: the database, the entities and migrations of each feature, the event
 * contracts it publishes and consumes, the platform modules beyond the common ones, and its features.
 */
export interface ServiceDefinition {
  /** The service's name: its Kafka client id, the source of its events, its logs' `service`. */
  name: string;
  /** Its own database (`ow_<name>`). */
  database: string;
  entities: (new (...args: never[]) => unknown)[];
  migrations: MigrationClass[];
  contracts: EventContract<any>[];
  /** Modules every feature relies on beyond observability, auth, persistence and messaging (e.g. the calendar). */
  platform?: NestImport[];
  /** The feature modules, one per folder. */
  features: NestImport[];
}

export function defineService(def: ServiceDefinition): ServiceDefinition {
  return def;
}

export interface ServiceModuleOptions {
  /** Only these features (a test of one feature leaves out the rest); default all. */
  features?: NestImport[];
  /** Extra modules (a test's stand-in for a department's system). */
  extra?: NestImport[];
  poolSize?: number;
  migrateOnStart?: boolean;
}

/**
 * The root module of a service from its definition: observability, auth, the service's database with
 * the messaging tables and its features' tables, the outbox and consumers, then its features. main.ts
 * boots it through createServiceApp (@onewindow/http); tests through bootTestService (@onewindow/testing).
 */
export function serviceModule(def: ServiceDefinition, opts: ServiceModuleOptions = {}): Type<unknown> {
  @Module({
    imports: [
      ObservabilityModule,
      AuthModule.forRoot(),
      PersistenceModule.forService({
        database: def.database,
        entities: [...messagingEntities, ...def.entities],
        migrations: [...messagingMigrations, ...def.migrations],
        ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
        ...(opts.migrateOnStart !== undefined ? { migrateOnStart: opts.migrateOnStart } : {}),
      }),
      MessagingModule.forService({ service: def.name, contracts: def.contracts }),
      ...(def.platform ?? []),
      ...(opts.features ?? def.features),
      ...(opts.extra ?? []),
    ],
  })
  class ServiceRootModule {}
  Object.defineProperty(ServiceRootModule, 'name', {
    value: `${def.name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}Module`,
  });
  return ServiceRootModule;
}
