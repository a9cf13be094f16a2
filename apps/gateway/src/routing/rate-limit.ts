import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientIp } from './client-ip';
import { principalKey, principalOf } from './principal';
import type { RateLimitSettings } from './settings';

export type BudgetKind = 'principal' | 'ip' | 'login';

export interface Budget {
  kind: BudgetKind;
  key: string;
  max: number;
}

/** Operational endpoints are never limited: probes and scrapers must always get through. */
const UNLIMITED = [/^\/health(\/|$)/, /^\/metrics$/, /^\/docs(\/|$|-)/, /^\/openapi\.json$/];

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Which budget a request draws on (G4): the login and token routes by client IP with a small budget
 * (password guessing); a request with a verified token by its principal `<type>:<sub>`, so one
 * flooding principal is stopped while others behind the same NAT are served (S7); anything else
 * by client IP.
 */
export function budgetFor(req: FastifyRequest, settings: RateLimitSettings, trustedHops: number): Budget {
  const path = pathOf(req.url);
  if (settings.loginPaths.includes(path))
    return { kind: 'login', key: `login:${clientIp(req, trustedHops)}`, max: settings.login };
  const principal = principalOf(req);
  if (principal && principal.type !== 'public')
    return { kind: 'principal', key: principalKey(principal), max: settings.perPrincipal };
  return { kind: 'ip', key: `ip:${clientIp(req, trustedHops)}`, max: settings.perIp };
}

const kBudget = Symbol('ow.rateLimitBudget');
type WithBudget = FastifyRequest & { [kBudget]?: Budget };

/**
 * @fastify/rate-limit on every route (the proxied /api/* routes and the gateway's own). It runs in
 * each route's onRequest after the edge authentication hook (instance hooks run before route
 * hooks), so the principal is known. The store is in memory: budgets are per gateway replica.
 */
export async function registerRateLimits(
  fastify: FastifyInstance,
  settings: RateLimitSettings,
  trustedHops: number,
): Promise<void> {
  if (!settings.enabled) return;
  const budget = (req: FastifyRequest): Budget => {
    const r = req as WithBudget;
    return (r[kBudget] ??= budgetFor(req, settings, trustedHops));
  };
  await fastify.register(rateLimit, {
    global: true,
    timeWindow: settings.windowMs,
    hook: 'onRequest',
    // LRU of counters; an evicted key starts afresh, so keep room for every active client.
    cache: 50_000,
    keyGenerator: (req) => budget(req).key,
    max: (req) => budget(req).max,
    allowList: (req) => UNLIMITED.some((re) => re.test(pathOf(req.url))),
    errorResponseBuilder: (req, ctx) => {
      const b = budget(req);
      const who =
        b.kind === 'principal'
          ? 'this principal'
          : b.kind === 'login'
            ? 'login attempts from this address'
            : 'this address';
      const err = new Error(
        `请求过于频繁，请 ${ctx.after} 后重试 (rate limit exceeded: ${ctx.max} requests per minute for ${who}; retry after ${ctx.after})`,
      ) as Error & { statusCode: number; code: string };
      err.statusCode = 429;
      err.code = 'OW_RATE_LIMITED';
      return err;
    },
  });
}
