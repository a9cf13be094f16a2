import { randomBytes } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './database';

/**
 * Gives a test file that boots a whole service its own database and its own Kafka namespace (topic
 * and group names prefixed), on the real shared Postgres and Kafka. Call before importing/booting the
 * app module: the service reads OW_PG_DATABASE and OW_KAFKA_NAMESPACE when it starts.
 */
export async function isolateService(prefix: string): Promise<TestDatabase & { namespace: string }> {
  const db = await createTestDatabase(prefix);
  const namespace = `t${randomBytes(4).toString('hex')}`;
  process.env.OW_PG_DATABASE = db.connection.database;
  process.env.OW_KAFKA_NAMESPACE = namespace;
  process.env.OW_SEED_DEMO = process.env.OW_SEED_DEMO ?? 'true';
  return { ...db, namespace };
}
