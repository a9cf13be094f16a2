import { serviceModule } from '@onewindow/service';
import { bootTestService, type TestService } from '@onewindow/testing';
import { intakeDefinition } from '../../service-definition';
import { CatalogueModule } from '../catalogue.module';

export type CatalogueTestApp = TestService;

/**
 * The catalogue alone, booted like intake (createServiceApp, the global auth guard, migrations on
 * start) on a fresh database of the real Postgres and a Kafka namespace, with a test token issuer.
 */
export async function bootCatalogueTestApp(prefix: string, opts: { seedDemo: boolean }): Promise<CatalogueTestApp> {
  process.env.OW_SEED_DEMO = opts.seedDemo ? 'true' : 'false';
  return bootTestService(
    prefix,
    () => serviceModule(intakeDefinition, { features: [CatalogueModule], migrateOnStart: true, poolSize: 5 }),
    { service: 'intake-catalogue-test' },
  );
}
