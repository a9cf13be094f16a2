/** Connection settings from the environment; the defaults are those of deploy/local/infra.sh. */
export interface PgConnection {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

export function pgConnectionFromEnv(database: string, env: NodeJS.ProcessEnv = process.env): PgConnection {
  return {
    host: env.OW_PG_HOST ?? '127.0.0.1',
    port: Number(env.OW_PG_PORT ?? 55432),
    username: env.OW_PG_USER ?? 'onewindow',
    password: env.OW_PG_PASSWORD ?? 'onewindow',
    database: env.OW_PG_DATABASE ?? database,
  };
}
