import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureTopics } from '@onewindow/messaging';
import { Kafka, logLevel } from 'kafkajs';

const run = promisify(execFile);
export const REPO_ROOT = path.resolve(__dirname, '../../..');
const INFRA = path.join(REPO_ROOT, 'deploy/local/infra.sh');

export function kafkaBrokers(): string[] {
  return (process.env.OW_KAFKA_BROKERS ?? '127.0.0.1:59092').split(',');
}

/** A topic name no other test uses, so tests sharing the broker never see each other's events. */
export function uniqueTopic(base: string): string {
  return `test.${base}.${randomBytes(4).toString('hex')}`;
}

export async function createTopics(brokers: string[], topics: string[], partitions = 3): Promise<void> {
  await ensureTopics(new Kafka({ clientId: 'test-admin', brokers, logLevel: logLevel.NOTHING }), topics, partitions);
}

/**
 * A broker of the test's own (same script as the shared one, own port and data directory), for
 * fault tests that stop and start Kafka without disturbing the tests running beside them.
 */
export class DedicatedKafka {
  constructor(
    readonly name: string,
    readonly port: number,
  ) {}
  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }
  async start(): Promise<void> {
    await run('bash', [INFRA, 'kafka-up', this.name, String(this.port)], { timeout: 90_000 });
  }
  async stop(): Promise<void> {
    await run('bash', [INFRA, 'kafka-down', this.name], { timeout: 60_000 });
  }
}
