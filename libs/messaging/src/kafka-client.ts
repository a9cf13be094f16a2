import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.OW_KAFKA_BROKERS ?? '127.0.0.1:59092').split(',').map((b) => b.trim()).filter(Boolean);
}

/** kafkajs with its log lines sent to the service's pino logger, and retries short enough to surface outages. */
export function createKafka(clientId: string, brokers: string[] = brokersFromEnv(), logger?: Logger): Kafka {
  const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug' };
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      if (!logger) return;
      const { message, ...rest } = entry.log;
      logger[levels[entry.level] ?? 'info']({ kafka: entry.namespace, ...rest }, message);
    },
  });
}
