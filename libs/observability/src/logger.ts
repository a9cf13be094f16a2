import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { type LoggerOptions } from 'pino';
import { maskPersonalData, maskText } from './mask';

export const REQUEST_ID_HEADER = 'x-request-id';

/** pino options shared by every app: JSON lines, service name, secrets redacted, personal data masked. */
export function loggerOptions(service: string): LoggerOptions {
  return {
    level: process.env.OW_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        '*.password',
        'client_secret',
        '*.client_secret',
        'privateKey',
      ],
      censor: '[redacted]',
    },
    formatters: { log: (obj) => maskPersonalData(obj) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

export function createLogger(service: string) {
  return pino(loggerOptions(service));
}

/** Take the caller's request id when it is a sane token, otherwise make one (G6). */
export function requestIdFrom(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = Array.isArray(given) ? given[0] : given;
  return id && /^[A-Za-z0-9._:-]{8,128}$/.test(id) ? id : randomUUID();
}
