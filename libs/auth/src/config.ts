/** Where tokens come from and for whom they are (every service verifies with the same settings). */
export interface AuthConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

export const DEFAULT_ISSUER = 'https://onewindow.local/auth';
export const DEFAULT_AUDIENCE = 'onewindow';
export const DEFAULT_JWKS_URL = 'http://127.0.0.1:8080/auth/.well-known/jwks.json';

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return {
    issuer: env.OW_JWT_ISSUER || DEFAULT_ISSUER,
    audience: env.OW_JWT_AUDIENCE || DEFAULT_AUDIENCE,
    jwksUrl: env.OW_JWKS_URL || DEFAULT_JWKS_URL,
  };
}
