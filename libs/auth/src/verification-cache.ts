import type { Principal } from './principal';

/** What the cache wraps: something that verifies a token fully (signature, issuer, audience, claims). */
export interface VerifiesTokens {
  verify(token: string): Promise<Principal>;
  verifyToken?(token: string): Promise<{ principal: Principal; payload: { exp?: number } }>;
}

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * Remembers tokens that verified, so a process checks an ES256 signature once per token and not once
 * per request (a signature check was the largest single cost of an authenticated request). The key is the
 * whole token string, so only the very same token hits; an entry lives until the token expires
 * or `ttlMs` (30 s) has passed, whichever is first, which bounds how long a removed signing key is
 * still honoured. Failures are not cached.
 * Bounded: the oldest entries go first.
 */
export class VerificationCache implements VerifiesTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly verifier: VerifiesTokens,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<Principal> {
    const t = this.now();
    const hit = this.entries.get(token);
    if (hit && hit.until > t) return hit.principal;
    if (hit) this.entries.delete(token);
    let principal: Principal;
    let exp: number | undefined;
    if (this.verifier.verifyToken) {
      const verified = await this.verifier.verifyToken(token);
      principal = verified.principal;
      exp = verified.payload.exp;
    } else {
      principal = await this.verifier.verify(token);
    }
    const until = Math.min(t + this.ttlMs, exp !== undefined ? exp * 1000 : t + this.ttlMs);
    if (until > t) {
      if (this.entries.size >= this.maxEntries) this.evict();
      this.entries.set(token, { principal, until });
    }
    return principal;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    // Map iterates in insertion order: drop the oldest tenth.
    let n = Math.ceil(this.maxEntries / 10);
    for (const key of this.entries.keys()) {
      if (n-- <= 0) break;
      this.entries.delete(key);
    }
  }
}
