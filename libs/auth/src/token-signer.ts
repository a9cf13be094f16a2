import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWK, type KeyLike } from 'jose';
import { claimsFromPrincipal } from './claims';
import { authConfigFromEnv } from './config';
import type { Principal } from './principal';

export interface SignOptions {
  issuer: string;
  audience: string;
  kid: string;
  /** Defaults to ES256, the platform's algorithm. */
  alg?: string;
  /** Lifetime in seconds (default 900: 15 minutes). */
  ttlSeconds?: number;
  /** Seconds since the epoch; tests move it to make expired tokens. */
  now?: number;
}

export const ACCESS_TOKEN_TTL_SECONDS = 900;

/** Signs a platform token for a principal: the one place the claim set and header are put together. */
export async function signPrincipalToken(
  principal: Principal,
  key: KeyLike | Uint8Array,
  o: SignOptions,
): Promise<{ token: string; jti: string; expiresIn: number; expiresAt: number }> {
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const ttl = o.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  const jti = randomUUID();
  const claims = claimsFromPrincipal(principal);
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: o.alg ?? 'ES256', kid: o.kid, typ: 'JWT' })
    .setIssuer(o.issuer)
    .setAudience(o.audience)
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .setJti(jti)
    .sign(key);
  return { token, jti, expiresIn: ttl, expiresAt: now + ttl };
}

/**
 * A throw-away ES256 key and its key set, for a service's tests: sign tokens for any principal
 * and verify them with a TokenVerifier built on `jwks` (no gateway needed).
 */
export class LocalTokenIssuer {
  private constructor(
    readonly kid: string,
    private readonly privateKey: KeyLike,
    readonly publicJwk: JWK,
    readonly issuer: string,
    readonly audience: string,
  ) {}

  static async create(o: { issuer?: string; audience?: string; kid?: string } = {}): Promise<LocalTokenIssuer> {
    const env = authConfigFromEnv();
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = o.kid ?? `test-${randomUUID().slice(0, 8)}`;
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    return new LocalTokenIssuer(kid, privateKey, jwk, o.issuer ?? env.issuer, o.audience ?? env.audience);
  }

  get jwks(): JSONWebKeySet {
    return { keys: [this.publicJwk] };
  }

  async sign(principal: Principal, o: Partial<SignOptions> = {}): Promise<string> {
    return (
      await signPrincipalToken(principal, this.privateKey, {
        issuer: this.issuer,
        audience: this.audience,
        kid: this.kid,
        ...o,
      })
    ).token;
  }
}
