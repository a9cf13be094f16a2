import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { createLogger, httpRequestDuration, PinoLoggerService, requestIdFrom } from '@onewindow/observability';
import { apiError } from './api-error';
import { AllExceptionsFilter } from './exception.filter';
import { createValidationPipe } from './validation';

export interface ServiceOptions {
  /** Service name: logs, metrics, OpenAPI title. */
  service: string;
  title?: string;
  description?: string;
  /** Largest accepted request body in bytes (G4). */
  bodyLimit?: number;
  /** Requests slower than this are cut off with 503 rather than left hanging. */
  requestTimeoutMs?: number;
  /** Called with the Fastify instance before Nest's routes are registered (plugins, proxies). */
  configureFastify?: (fastify: ReturnType<FastifyAdapter['getInstance']>) => Promise<void> | void;
}

/**
 * Creates a Nest application on Fastify with the platform's conventions: request ids, pino JSON
 * logs, the one error shape for every failure (including Fastify's own parsing errors), strict
 * validation, metrics, graceful shutdown and an OpenAPI document at /openapi.json.
 */
export async function createServiceApp(module: Type<unknown>, opts: ServiceOptions): Promise<NestFastifyApplication> {
  const logger = createLogger(opts.service);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Fastify's own per-request lines are off: the access log below writes one line per request.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => requestIdFrom(req),
    connectionTimeout: 30_000,
    // Believe X-Forwarded-For only for as many proxy hops as the deployment says (none by default),
    // so a client cannot choose its own address for logs and limits.
    trustProxy: process.env.OW_TRUSTED_PROXY_HOPS ? Number(process.env.OW_TRUSTED_PROXY_HOPS) : false,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  fastify.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    httpRequestDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    const principal = (req as unknown as { principal?: { type: string; sub: string } }).principal;
    // The access log (G6, 痕迹管理): who, what, outcome, how long, under which request id.
    req.log.info(
      {
        method: req.method,
        url: req.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        principal: principal ? `${principal.type}:${principal.sub}` : 'anonymous',
      },
      'request',
    );
  });
  if (opts.requestTimeoutMs) {
    fastify.addHook('onRequest', async (req, reply) => {
      const timer = setTimeout(() => {
        if (!reply.sent) reply.status(503).send(apiError(503, '请求超时 (request timed out)', String(req.id)));
      }, opts.requestTimeoutMs);
      reply.raw.on('close', () => clearTimeout(timer));
    });
  }
  // No fastify.setErrorHandler here: Nest installs its own at init and sends every error, Fastify's
  // parsing errors included, through AllExceptionsFilter, which gives them the platform's shape.
  if (opts.configureFastify) await opts.configureFastify(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(new PinoLoggerService(logger));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const doc = buildOpenApi(app, opts);
  fastify.get(
    '/openapi.json',
    { schema: { hide: true } as never },
    async () => doc.current ?? (doc.current = SwaggerModule.createDocument(app, doc.config)),
  );
  return app;
}

function buildOpenApi(
  _app: INestApplication,
  opts: ServiceOptions,
): { config: Omit<OpenAPIObject, 'paths'>; current?: OpenAPIObject } {
  const config = new DocumentBuilder()
    .setTitle(opts.title ?? `OneWindow ${opts.service}`)
    .setDescription(opts.description ?? '')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return { config };
}

/** Starts a service on PORT (or the given default) and logs where it listens. */
export async function listen(app: NestFastifyApplication, defaultPort: number): Promise<string> {
  const port = Number(process.env.PORT ?? defaultPort);
  await app.listen(port, process.env.HOST ?? '0.0.0.0');
  return `http://127.0.0.1:${port}`;
}
