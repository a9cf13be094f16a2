import { authConfigFromEnv } from '@onewindow/auth';

export interface OidcConfig {
  issuer: string;
  jwksUrl: string;
  audience: string;
}

/** Identity settings, all from the environment (the gateway's app module imports IdentityModule as is). */
export interface IdentityConfig {
  issuer: string;
  audience: string;
  /** Access token lifetime: 15 minutes (G2: short-lived). */
  accessTtlSeconds: number;
  /** Refresh token lifetime: a working day by default. */
  refreshTtlSeconds: number;
  /** Consecutive failures before the account name is locked, and for how long. */
  maxFailedLogins: number;
  lockoutSeconds: number;
  /** OW_JWT_PRIVATE_KEY_FILE: comma-separated PKCS#8 PEM files (EC P-256); the first signs, the others are only published. */
  keyFiles: string[];
  /** How often each replica re-reads the signing keys from the database. */
  keyReloadMs: number;
  /** A rotated-in key is published this long before it starts signing, so every replica and service has it first. */
  rotationLeadSeconds: number;
  seedDemo: boolean;
  /** External OIDC issuer whose ID tokens /auth/exchange accepts; absent: the route answers 404. */
  oidc?: OidcConfig;
}

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

export function identityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const auth = authConfigFromEnv(env);
  const num = (name: string, dflt: number) => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
    return n;
  };
  const oidc =
    env.OW_OIDC_ISSUER && env.OW_OIDC_JWKS_URL
      ? { issuer: env.OW_OIDC_ISSUER, jwksUrl: env.OW_OIDC_JWKS_URL, audience: env.OW_OIDC_AUDIENCE || auth.audience }
      : undefined;
  return {
    issuer: auth.issuer,
    audience: auth.audience,
    accessTtlSeconds: num('OW_ACCESS_TOKEN_TTL_SECONDS', 900),
    refreshTtlSeconds: num('OW_REFRESH_TOKEN_TTL_SECONDS', 8 * 3600),
    maxFailedLogins: num('OW_LOGIN_MAX_FAILURES', 5),
    lockoutSeconds: num('OW_LOGIN_LOCKOUT_SECONDS', 15 * 60),
    keyFiles: (env.OW_JWT_PRIVATE_KEY_FILE ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    keyReloadMs: num('OW_JWT_KEY_RELOAD_MS', 60_000),
    rotationLeadSeconds: num('OW_JWT_ROTATION_LEAD_SECONDS', 120),
    seedDemo: env.OW_SEED_DEMO !== 'false',
    oidc,
  };
}
