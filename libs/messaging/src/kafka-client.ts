import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.OW_KAFKA_BROKERS ?? '127.0.0.1:59092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** kafkajs with its log lines sent to the service's pino logger, and retries short enough to surface outages. */
export function createKafka(clientId: string, brokers: string[] = brokersFromEnv(), logger?: Logger): Kafka {
  const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
    [logLevel.ERROR]: 'error',
    [logLevel.WARN]: 'warn',
    [logLevel.INFO]: 'info',
    [logLevel.DEBUG]: 'debug',
  };
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

/**
 * An optional namespace for physical topic and group names (OW_KAFKA_NAMESPACE). Contracts name
 * logical topics; tests that boot whole services set a namespace so that files running side by side
 * on the shared broker never consume each other's events. Empty in every real deployment.
 */
export function kafkaNamespace(): string {
  return process.env.OW_KAFKA_NAMESPACE ?? '';
}
export function toPhysical(name: string): string {
  const ns = kafkaNamespace();
  return ns ? `${ns}.${name}` : name;
}
export function toLogical(name: string): string {
  const ns = kafkaNamespace();
  return ns && name.startsWith(`${ns}.`) ? name.slice(ns.length + 1) : name;
}
