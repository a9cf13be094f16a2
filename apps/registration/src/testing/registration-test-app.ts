import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LocalTokenIssuer, Principal } from '@onewindow/auth';
import { pgConnectionFromEnv } from '@onewindow/persistence';
import { serviceModule } from '@onewindow/service';
import { bootTestService } from '@onewindow/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { RegistrationConfigModule, type RegistrationOptions } from '../config/registration-config.module';
import { registrationDefinition } from '../service-definition';

export interface RegistrationTestApp {
  app: NestFastifyApplication;
  issuer: LocalTokenIssuer;
  database: string;
  namespace: string;
  /** A direct connection to the service's database, for counting rows. */
  pg: Client;
  call(
    method: InjectOptions['method'],
    url: string,
    who?: Principal,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/**
 * The registration service booted in-process as in production (createServiceApp, the global auth guard,
 * migrations on start, the outbox relay and the saga's consumers) on its own database and Kafka
 * namespace of the real Postgres and Kafka, with a test token issuer; `opts` set the settings and the
 * department adapters instead of the environment and the defaults.
 */
export async function bootRegistrationTestApp(
  prefix: string,
  opts: RegistrationOptions = {},
): Promise<RegistrationTestApp> {
  const svc = await bootTestService(
    prefix,
    () => serviceModule(registrationDefinition, { extra: [RegistrationConfigModule.override(opts)], poolSize: 10 }),
    { service: 'registration' },
  );
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
      return app.inject({
        method,
        url,
        payload: payload as InjectOptions['payload'],
        headers: { ...auth, ...headers },
      }) as Promise<LightMyRequestResponse>;
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
