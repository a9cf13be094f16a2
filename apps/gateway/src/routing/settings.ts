import { upstreamsFromEnv, type Upstream } from '../config';

/** Rate-limit budgets (G4), per minute. */
export interface RateLimitSettings {
  /** Requests per minute for one authenticated principal (`<type>:<sub>`). */
  perPrincipal: number;
  /** Requests per minute for one client IP without a valid token. */
  perIp: number;
  /** Requests per minute per IP on the login / token routes (password guessing, credential stuffing). */
  login: number;
  /** Paths (exact, without query) that get the login budget. */
  loginPaths: string[];
  /** Length of the window in milliseconds (60 000: budgets are "per minute"). */
  windowMs: number;
  /** Switch the limiter off altogether (benchmarks measuring raw overhead). */
  enabled: boolean;
}

/** Everything the gateway's edge needs to know, resolved once from the environment plus overrides. */
export interface GatewaySettings {
  upstreams: Upstream[];
  /** Per-request timeout towards an upstream (headers and body), ms. 504 when exceeded. */
  upstreamTimeoutMs: number;
  /** Per-upstream overrides of upstreamTimeoutMs, by service name. */
  upstreamTimeouts: Record<string, number>;
  /** TCP connect timeout towards an upstream, ms. A service that does not accept the connection is 503. */
  connectTimeoutMs: number;
  /** Default largest request body, bytes (Fastify's bodyLimit for the gateway's own routes too). */
  bodyLimit: number;
  /** Per-service body limits (e.g. a larger one for an upload service), by service name. */
  bodyLimits: Record<string, number>;
  /** The whole request is answered (503) after this long whatever happens; larger than any upstream timeout. */
  requestTimeoutMs: number;
  rateLimit: RateLimitSettings;
  /** How often the merged OpenAPI document is rebuilt from the upstreams, ms. */
  openApiRefreshMs: number;
  /** Timeout for an upstream's /openapi.json, ms. */
  openApiFetchTimeoutMs: number;
  /** Timeout for an upstream's /health/ready, ms. */
  healthTimeoutMs: number;
  /**
   * How many reverse proxies in front of the gateway append to X-Forwarded-For. 0 (default): the
   * client address is the TCP peer and X-Forwarded-For sent by clients is ignored for rate limiting
   * (a client could otherwise pick its own bucket). Behind one ingress: 1.
   */
  trustedProxyHops: number;
}

export type GatewaySettingsOverrides = Partial<Omit<GatewaySettings, 'rateLimit'>> & {
  rateLimit?: Partial<RateLimitSettings>;
};

const MiB = 1024 * 1024;

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`环境变量 ${name} 应为非负数 (${name} must be a non-negative number): ${raw}`);
  return n;
}

/** `OW_FOO_<SERVICE>` variables for every upstream, e.g. OW_BODY_LIMIT_PROJECT_REVIEW. */
function perService(env: NodeJS.ProcessEnv, prefix: string, upstreams: Upstream[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const u of upstreams) {
    const name = `${prefix}_${u.name.toUpperCase().replace(/-/g, '_')}`;
    if (env[name] !== undefined && env[name] !== '') out[u.name] = num(env, name, 0);
  }
  return out;
}

/** Reads the gateway's settings from the environment (README lists them), then applies overrides. */
export function resolveGatewaySettings(
  overrides: GatewaySettingsOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): GatewaySettings {
  const upstreams = overrides.upstreams ?? upstreamsFromEnv(env);
  const upstreamTimeoutMs = overrides.upstreamTimeoutMs ?? num(env, 'OW_UPSTREAM_TIMEOUT_MS', 10_000);
  const rateLimit: RateLimitSettings = {
    perPrincipal: num(env, 'OW_RATE_LIMIT_PER_MIN', 600),
    perIp: num(env, 'OW_RATE_LIMIT_IP_PER_MIN', 300),
    login: num(env, 'OW_RATE_LIMIT_LOGIN_PER_MIN', 20),
    loginPaths: (env.OW_RATE_LIMIT_LOGIN_PATHS ?? '/auth/login,/auth/token')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    windowMs: 60_000,
    enabled: env.OW_RATE_LIMIT_ENABLED !== 'false',
    ...overrides.rateLimit,
  };
  const settings: GatewaySettings = {
    upstreams,
    upstreamTimeoutMs,
    upstreamTimeouts: perService(env, 'OW_UPSTREAM_TIMEOUT_MS', upstreams),
    connectTimeoutMs: num(env, 'OW_UPSTREAM_CONNECT_TIMEOUT_MS', 2_000),
    bodyLimit: num(env, 'OW_BODY_LIMIT', MiB),
    bodyLimits: perService(env, 'OW_BODY_LIMIT', upstreams),
    requestTimeoutMs: 0,
    rateLimit,
    openApiRefreshMs: num(env, 'OW_OPENAPI_REFRESH_MS', 60_000),
    openApiFetchTimeoutMs: num(env, 'OW_OPENAPI_FETCH_TIMEOUT_MS', 2_000),
    healthTimeoutMs: num(env, 'OW_UPSTREAM_HEALTH_TIMEOUT_MS', 1_000),
    trustedProxyHops: num(env, 'OW_TRUSTED_PROXY_HOPS', 0),
  };
  Object.assign(settings, stripUndefined({ ...overrides, rateLimit: undefined }));
  const slowest = Math.max(settings.upstreamTimeoutMs, ...Object.values(settings.upstreamTimeouts));
  // The whole-request guard must never fire before the upstream timeout, or a slow upstream would be a 503 instead of a 504.
  settings.requestTimeoutMs = overrides.requestTimeoutMs ?? num(env, 'OW_REQUEST_TIMEOUT_MS', slowest + 5_000);
  if (settings.requestTimeoutMs <= slowest) settings.requestTimeoutMs = slowest + 1_000;
  return settings;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function timeoutFor(settings: GatewaySettings, service: string): number {
  return settings.upstreamTimeouts[service] ?? settings.upstreamTimeoutMs;
}

export function bodyLimitFor(settings: GatewaySettings, service: string): number {
  return settings.bodyLimits[service] ?? settings.bodyLimit;
}
