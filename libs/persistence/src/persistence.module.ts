import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@onewindow/observability';
import { runMigrations, serviceDataSourceOptions, ServiceDataSourceOptions } from './data-source';

export interface PersistenceModuleOptions extends ServiceDataSourceOptions {
  /** Apply pending migrations on start (the default for the embedded setup; in k8s a Job may do it). */
  migrateOnStart?: boolean;
}

@Module({})
export class PersistenceModule {
  static forService(opts: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...serviceDataSourceOptions(opts), retryAttempts: 3, retryDelay: 1000 }),
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            if (opts.migrateOnStart ?? process.env.OW_MIGRATE_ON_START !== 'false') await runMigrations(ds);
            return ds;
          },
        }),
      ],
      providers: [
        {
          provide: 'PERSISTENCE_HEALTH',
          inject: [DataSource, HealthRegistry],
          useFactory: (ds: DataSource, health: HealthRegistry) => {
            health.add({ name: 'postgres', check: async () => (await ds.query('select 1 as ok'))[0] });
            return true;
          },
        },
      ],
    };
  }
}
