/**
 * What a service process does (OW_ROLE), so a service can run as an API deployment and a worker
 * deployment that scale apart (ADR 0018):
 * - `all` (default): answers requests and does the background work: the outbox relay, the event
 *   consumers and the service's scheduled jobs (e.g. intake's clock);
 * - `api`: answers requests only; its writes wait in the outbox for a worker's relay;
 * - `worker`: the background work (and /health, /metrics); deployed without traffic from the gateway.
 * On two cores this keeps the relay's and the consumers' batches off the event loop that answers
 * applicants.
 */
export type ProcessRole = 'all' | 'api' | 'worker';

const ROLES: readonly ProcessRole[] = ['all', 'api', 'worker'];

export function processRole(env: NodeJS.ProcessEnv = process.env): ProcessRole {
  const role = env.OW_ROLE ?? 'all';
  if (!(ROLES as readonly string[]).includes(role))
    throw new Error(`OW_ROLE must be one of ${ROLES.join(', ')} (got "${role}")`);
  return role as ProcessRole;
}

/** Whether this process runs the relay, the consumers and the scheduled jobs. */
export function runsBackgroundWork(env: NodeJS.ProcessEnv = process.env): boolean {
  return processRole(env) !== 'api';
}
