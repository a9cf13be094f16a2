import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, type LocalTokenIssuer, type Principal } from '@onewindow/auth';
import { calendarContracts, registrationContracts } from '@onewindow/contracts';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { officialCalendarEntities, officialCalendarMigrations, OfficialCalendarModule } from '@onewindow/official-calendar';
import { pgConnectionFromEnv, PersistenceModule } from '@onewindow/persistence';
import { bootTestService } from '@onewindow/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { registrationEntities, registrationMigrations, RegistrationModule, type RegistrationModuleOptions } from '../registration.module';
import { registrationCalendar } from '../shared/calendar';

export interface RegistrationTestApp {
  app: NestFastifyApplication;
  issuer: LocalTokenIssuer;
  database: string;
  namespace: string;
  /** A direct connection to the service's database, for counting rows. */
  pg: Client;
  call(method: InjectOptions['method'], url: string, who?: Principal, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/**
 * The registration service booted in-process as in production (createServiceApp, the global auth guard,
 * migrations on start, the outbox relay and the saga's consumers) on its own database and Kafka
 * namespace of the real Postgres and Kafka, with a test token issuer.
 */
export async function bootRegistrationTestApp(prefix: string, opts: RegistrationModuleOptions = {}): Promise<RegistrationTestApp> {
  const svc = await bootTestService(prefix, () => {
    @Module({
      imports: [
        ObservabilityModule,
        AuthModule.forRoot(),
        PersistenceModule.forService({
          database: 'ow_registration',
          entities: [...messagingEntities, ...officialCalendarEntities, ...registrationEntities],
          migrations: [...messagingMigrations, ...officialCalendarMigrations, ...registrationMigrations],
          poolSize: 10,
        }),
        MessagingModule.forService({ service: 'registration', contracts: [...registrationContracts, ...calendarContracts] }),
        OfficialCalendarModule.forService({ calendar: registrationCalendar, lockName: 'registration-calendar' }),
        RegistrationModule.register(opts),
      ],
    })
    class RegistrationTestModule {}
    return RegistrationTestModule;
  }, { service: 'registration' });
  const { app } = svc;
  const conn = pgConnectionFromEnv(svc.database);
  const pg = new Client({ ...conn, user: conn.username });
  await pg.connect();
  const { token } = svc;
  return {
    app,
    issuer: svc.issuer,
    database: svc.database,
    namespace: svc.namespace,
    pg,
    async call(method, url, who, payload, headers = {}) {
      const auth = who ? { authorization: `Bearer ${await token(who)}` } : {};
      return app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: { ...auth, ...headers } }) as Promise<LightMyRequestResponse>;
    },
    async count(sql, params = []) {
      return Number((await pg.query(sql, params)).rows[0].n);
    },
    async close() {
      await pg.end().catch(() => undefined);
      await svc.close();
    },
  };
}
