import { Module } from '@nestjs/common';
import { AuthModule, type Principal } from '@onewindow/auth';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { bootTestService, type TestService } from '@onewindow/testing';
import { catalogueEntities, catalogueMigrations, CatalogueModule } from '../catalogue.module';

export type CatalogueTestApp = TestService;

/**
 * The catalogue alone, booted like intake (createServiceApp, the global auth guard, migrations on
 * start) on a fresh database of the real Postgres, with a test token issuer. Used while the other
 * intake features are being built; the catalogue needs no messaging.
 */
export async function bootCatalogueTestApp(prefix: string, opts: { seedDemo: boolean }): Promise<CatalogueTestApp> {
  process.env.OW_SEED_DEMO = opts.seedDemo ? 'true' : 'false';
  return bootTestService(prefix, () => {
    @Module({
      imports: [
        ObservabilityModule,
        AuthModule.forRoot(),
        PersistenceModule.forService({ database: 'ow_intake', entities: catalogueEntities, migrations: catalogueMigrations, migrateOnStart: true, poolSize: 5 }),
        CatalogueModule,
      ],
    })
    class CatalogueTestModule {}
    return CatalogueTestModule;
  }, { service: 'intake-catalogue-test' });
}

export const principals = {
  citizen: { type: 'citizen', sub: 'u-citizen-1', name: '张三' },
  clerk: { type: 'staff', sub: 'u-clerk-1', name: '窗口人员', orgUnit: 'SC-120000', division: '120000', level: 'city', roles: ['window-clerk'] },
  centreAdmin: { type: 'staff', sub: 'u-cat-admin', name: '目录管理员', orgUnit: 'SC-120000', division: '120000', level: 'city', roles: ['catalogue-admin'] },
  transportAdmin: { type: 'staff', sub: 'u-jt-admin', name: '交通目录管理员', department: 'JT', orgUnit: 'JT-120000', division: '120000', level: 'city', roles: ['catalogue-admin'] },
} satisfies Record<string, Principal>;
