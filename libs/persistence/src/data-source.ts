import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { pgConnectionFromEnv, PgConnection } from './connection';

export interface ServiceDataSourceOptions {
  /** The service's own database, e.g. 'ow_intake'. No service reads another's (01-architecture.md). */
  database: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  connection?: Partial<PgConnection>;
  poolSize?: number;
  applicationName?: string;
}

/**
 * One way to describe a service's database: snake_case names, migrations only (`synchronize` is
 * never on: schema changes are reviewed code), a bounded pool, and statement and lock timeouts so
 * a stuck query fails the request instead of hanging it.
 */
export function serviceDataSourceOptions(o: ServiceDataSourceOptions): DataSourceOptions {
  const conn = { ...pgConnectionFromEnv(o.database), ...o.connection };
  return {
    type: 'postgres',
    ...conn,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: o.poolSize ?? Number(process.env.OW_PG_POOL ?? 20),
    applicationName: o.applicationName ?? o.database,
    extra: {
      statement_timeout: 15_000,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
      connectionTimeoutMillis: 5_000,
    },
  };
}

export function createServiceDataSource(o: ServiceDataSourceOptions): DataSource {
  return new DataSource(serviceDataSourceOptions(o));
}

/** Applies pending migrations under an advisory lock, so replicas starting together do not race. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('select pg_advisory_lock(hashtext($1))', [`migrations:${ds.options.database}`]);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner
      .query('select pg_advisory_unlock(hashtext($1))', [`migrations:${ds.options.database}`])
      .catch(() => undefined);
    await runner.release();
  }
}
