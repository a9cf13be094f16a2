import 'reflect-metadata';
import { TokenVerifier } from '@onewindow/auth';
import { apiError, createServiceApp } from '@onewindow/http';
import type { PgConnection } from '@onewindow/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { FastifyInstance } from 'fastify';
import type { Upstream } from './config';
import { registerDocs } from './routing/docs';
import { registerEdgeAuth, type EdgeTokenVerifier, type VerifierRef } from './routing/edge-auth';
import { GatewaySettingsService } from './routing/gateway-settings.service';
import { OpenApiAggregatorService } from './routing/openapi-aggregator.service';
import type { OpenApiDoc } from './routing/openapi-merge';
import { API_PREFIX, registerUpstreamProxies } from './routing/proxy';
import { registerRateLimits } from './routing/rate-limit';
import {
  resolveGatewaySettings,
  type GatewaySettings,
  type GatewaySettingsOverrides,
  type RateLimitSettings,
} from './routing/settings';

export interface GatewayAppOptions extends Omit<GatewaySettingsOverrides, 'rateLimit' | 'upstreams'> {
  /** Where the services are (default: upstreamsFromEnv()). */
  upstreams?: Upstream[];
  /** The gateway's own database (default: ow_gateway from OW_PG_*). Tests pass a createTestDatabase() connection. */
  database?: Partial<PgConnection>;
  rateLimit?: Partial<RateLimitSettings>;
  /**
   * Verifies tokens at the edge. Default: the TokenVerifier the identity module provides (the same
   * one AuthGuard uses on the gateway's own routes).
   */
  tokenVerifier?: EdgeTokenVerifier;
  /** Apply the gateway's migrations on start (default: OW_MIGRATE_ON_START, else true). */
  migrateOnStart?: boolean;
}

export interface GatewayApp {
  app: NestFastifyApplication;
  settings: GatewaySettings;
}

const settingsOf = new WeakMap<NestFastifyApplication, GatewaySettings>();

/** The settings a gateway built by createGatewayApp runs with (ports, budgets, timeouts). */
export function gatewaySettings(app: NestFastifyApplication): GatewaySettings {
  const s = settingsOf.get(app);
  if (!s) throw new Error('not an application built by createGatewayApp');
  return s;
}

/**
 * Builds the whole gateway in-process, initialised but not listening: `main.ts` listens on it,
 * tests and benchmarks call `app.listen(0)` or `app.inject()`.
 *
 * Fastify level (before Nest's routes, in this order of hooks): edge token verification →
 * rate limits → `/api/<service>/*` proxies (one encapsulated scope per service with its own body
 * limit and timeout) and the 404 for unknown services; `/openapi.json` is the merged document and
 * `/docs` the Swagger UI on it. Nest level: identity, orgs, exchange, health (with each upstream).
 */
export async function createGatewayApp(opts: GatewayAppOptions = {}): Promise<NestFastifyApplication> {
  const { database, tokenVerifier, migrateOnStart, ...overrides } = opts;
  const settings = resolveGatewaySettings(overrides);
  // TokenVerifier remembers tokens that verified (libs/auth VerificationCache).
  const verifier: VerifierRef = { current: tokenVerifier };
  const openApi: { aggregator?: OpenApiAggregatorService } = {};

  const app = await withEnv(envFor(database, migrateOnStart), () =>
    createServiceApp(AppModule, {
      service: 'gateway',
      title: 'OneWindow API',
      bodyLimit: settings.bodyLimit,
      requestTimeoutMs: settings.requestTimeoutMs,
      configureFastify: async (fastify) => {
        const f = fastify as unknown as FastifyInstance;
        registerEdgeAuth(
          f,
          verifier,
          (url) => url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`),
        );
        await registerRateLimits(f, settings.rateLimit, settings.trustedProxyHops);
        await registerUpstreamProxies(f, settings);
        serveMergedOpenApi(f, openApi);
        registerDocs(f);
      },
    }),
  );
  settingsOf.set(app, settings);
  app.get(GatewaySettingsService).set(settings);

  if (!verifier.current) {
    try {
      verifier.current = app.get(TokenVerifier, { strict: false });
    } catch {
      await app.close();
      throw new Error('没有令牌验证器 (no TokenVerifier: the identity module must provide one, or pass tokenVerifier)');
    }
  }

  const aggregator = app.get(OpenApiAggregatorService);
  openApi.aggregator = aggregator;
  const config = new DocumentBuilder()
    .setTitle('OneWindow API')
    .setDescription(
      "一网通办行政许可服务中心平台的统一接口 (the one API of the OneWindow platform): the gateway's own routes (auth, orgs, exchange) and every service under `/api/<service>`. " +
        'Errors always have the shape `{ statusCode, error, message, requestId, details? }`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  aggregator.setGatewayDocument(() => SwaggerModule.createDocument(app, config) as unknown as OpenApiDoc);

  await app.init();
  aggregator.startRefreshing();
  return app;
}

/**
 * createServiceApp registers `/openapi.json` with the gateway's own document; at the gateway that
 * address serves the merged one (G5), so its handler is swapped as the route is added.
 */
function serveMergedOpenApi(fastify: FastifyInstance, ref: { aggregator?: OpenApiAggregatorService }): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url !== '/openapi.json') return;
    route.handler = async function mergedOpenApi(_req, reply) {
      if (!ref.aggregator)
        return reply.code(503).send(apiError(503, '网关正在启动 (gateway starting)', String(_req.id)));
      return ref.aggregator.document();
    };
  });
}

function envFor(
  database: Partial<PgConnection> | undefined,
  migrateOnStart: boolean | undefined,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  if (database?.host !== undefined) env.OW_PG_HOST = database.host;
  if (database?.port !== undefined) env.OW_PG_PORT = String(database.port);
  if (database?.username !== undefined) env.OW_PG_USER = database.username;
  if (database?.password !== undefined) env.OW_PG_PASSWORD = database.password;
  if (database?.database !== undefined) env.OW_PG_DATABASE = database.database;
  if (migrateOnStart !== undefined) env.OW_MIGRATE_ON_START = String(migrateOnStart);
  return env;
}

/**
 * The AppModule is static and the persistence library reads its connection from OW_PG_* when the
 * container is built, so a connection override is applied through those variables for exactly the
 * time Nest builds the container, then the environment is put back. (Two gateways must therefore
 * not be created concurrently in one process with different databases; one after the other is fine.)
 */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
