import type { Principal } from '@onewindow/auth';

/**
 * The principal the gateway verified at the edge, attached to the request for the access log
 * (libs/http's onResponse hook reads `req.principal`), the rate limiter and the gateway's own routes.
 */
export interface WithPrincipal {
  principal?: Principal;
}

export function principalOf(req: unknown): Principal | undefined {
  return (req as WithPrincipal).principal;
}

export function setPrincipal(req: unknown, principal: Principal): void {
  (req as WithPrincipal).principal = principal;
}

export function principalKey(p: Principal): string {
  return `${p.type}:${p.sub}`;
}
