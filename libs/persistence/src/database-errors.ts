// What a database error says about the work that met it: the two questions callers ask of pg errors.

/**
 * Errors that say a dependency is down rather than that the work is bad: an event consumer does not
 * dead-letter a message that met one, it retries it until Postgres is back.
 */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  '53300',
]);

export function isInfrastructureError(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code && CODES.has(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    String(e?.message ?? ''),
  );
}

/**
 * An error one write of a group can cause (SQLSTATE class 22 data exception, 23 integrity constraint
 * violation): retrying the writes alone finds it and lets the others through. Anything else (a lost
 * connection, too many clients, a shutdown) would fail each retry too.
 */
export function isFaultOfOneWrite(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
