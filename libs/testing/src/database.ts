import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { pgConnectionFromEnv, PgConnection } from '@onewindow/persistence';

/** A fresh, empty database on the real PostgreSQL server for one test file; dropped by `drop()`. */
export interface TestDatabase {
  connection: PgConnection;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `t_${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = pgConnectionFromEnv('postgres', { ...process.env, OW_PG_DATABASE: undefined });
  const client = new Client({ ...admin, user: admin.username });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return {
    connection: { ...admin, database: name },
    async drop() {
      const c = new Client({ ...admin, user: admin.username });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
