import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@onewindow/http';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { createTestDatabase, type TestDatabase } from '@onewindow/testing';
import { orgEntities, orgMigrations, OrgsModule } from '../../orgs/orgs.module';
import { identityEntities, identityMigrations, IdentityModule } from '../identity.module';

/**
 * The gateway's identity and org modules on a fresh database of the real Postgres, in an app made
 * like the gateway's (createServiceApp). For the gateway's integration tests only.
 */
export async function bootIdentityTestApp(
  prefix: string,
  env: Record<string, string | undefined> = {},
): Promise<{ app: NestFastifyApplication; db: TestDatabase; close(): Promise<void> }> {
  const db = await createTestDatabase(prefix);
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries({ OW_JWT_KEY_RELOAD_MS: '0', ...env })) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    @Module({
      imports: [
        ObservabilityModule,
        PersistenceModule.forService({
          database: db.connection.database,
          connection: db.connection,
          entities: [...identityEntities, ...orgEntities],
          migrations: [...orgMigrations, ...identityMigrations],
          migrateOnStart: true,
          poolSize: 5,
        }),
        OrgsModule,
        IdentityModule,
      ],
    })
    class TestGatewayModule {}
    const app = await createServiceApp(TestGatewayModule, { service: 'gateway-test' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      db,
      async close() {
        await app.close();
        await db.drop();
      },
    };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
