import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LocalTokenIssuer, Principal } from '@onewindow/auth';
import { createServiceApp, type ServiceOptions } from '@onewindow/http';
import { isolateService } from './isolation';
import { startTestIssuer } from './jwks-server';

export interface TestService {
  app: NestFastifyApplication;
  issuer: LocalTokenIssuer;
  /** The service's own database on the real Postgres, and its Kafka namespace. */
  database: string;
  namespace: string;
  token(p: Principal): Promise<string>;
  /** Closes the app (graceful shutdown: consumers, relay, database), the issuer, and drops the database. */
  close(): Promise<void>;
}

/**
 * A service booted in-process exactly as its main.ts does (createServiceApp, the global auth guard,
 * migrations on start, relay and consumers), on a database and Kafka namespace of its own on the real
 * Postgres and Kafka, with a test token issuer whose key set is served over HTTP. `module` is called
 * after the isolation is in place, so the module it builds reads the test's environment.
 */
export async function bootTestService(
  prefix: string,
  module: () => Type<unknown>,
  opts: ServiceOptions,
): Promise<TestService> {
  const iso = await isolateService(prefix);
  const tokens = await startTestIssuer();
  const app = await createServiceApp(module(), opts);
  // One token per principal for the whole test file (an hour long, so slow suites never see one expire).
  const tokenCache = new Map<string, Promise<string>>();
  const token = (p: Principal) => {
    const key = JSON.stringify(p);
    if (!tokenCache.has(key)) tokenCache.set(key, tokens.issuer.sign(p, { ttlSeconds: 3600 }));
    return tokenCache.get(key)!;
  };
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    issuer: tokens.issuer,
    database: iso.connection.database,
    namespace: iso.namespace,
    token,
    async close() {
      await app.close();
      await tokens.close();
      await iso.drop();
    },
  };
}
