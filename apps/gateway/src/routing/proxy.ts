import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import { apiError, toApiError } from '@onewindow/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Upstream } from '../config';
import { bodyLimitFor, timeoutFor, type GatewaySettings } from './settings';
import { classifyUpstreamError, upstreamErrorBody } from './upstream-errors';

export const API_PREFIX = '/api';

/** Headers for the hop to a service: the request id (taken or made here) and the X-Forwarded-* chain. */
export function forwardedHeaders(
  req: FastifyRequest,
  headers: Record<string, string | string[] | undefined>,
  prefix: string,
) {
  const peer = req.raw.socket?.remoteAddress;
  const prior = headers['x-forwarded-for'];
  const priorChain = Array.isArray(prior) ? prior.join(', ') : prior;
  // The body is forwarded buffered with its content-length; undici refuses these two anyway.
  const { 'transfer-encoding': _te, expect: _expect, ...rest } = headers;
  return {
    ...rest,
    'x-request-id': String(req.id),
    'x-forwarded-for': [priorChain, peer].filter(Boolean).join(', '),
    'x-forwarded-proto': (headers['x-forwarded-proto'] as string | undefined) ?? req.protocol,
    'x-forwarded-host': (headers['x-forwarded-host'] as string | undefined) ?? req.headers.host ?? '',
    'x-forwarded-prefix': prefix,
  };
}

/**
 * G1: `/api/<service>/*` → `<upstream>/*` for every upstream, through @fastify/http-proxy (undici
 * underneath, keep-alive pool per upstream). Each service gets its own encapsulated scope so that:
 * - the body is read as raw bytes under that service's body limit (413 in the platform shape,
 *   before a byte reaches the service) and forwarded unchanged; JSON is validated by the service;
 * - the upstream timeout is the service's own (504), a refused connection is 503, anything else 502,
 *   always in the platform error shape with the request id, never a hang;
 * - nothing is retried: a retried POST could apply twice, and a retried GET only hides a fault.
 * A catch-all `/api/*` answers 404 for a service that does not exist.
 */
export async function registerUpstreamProxies(fastify: FastifyInstance, settings: GatewaySettings): Promise<void> {
  for (const upstream of settings.upstreams) {
    await fastify.register(async (scope) => proxyScope(scope, upstream, settings));
  }
  const known = settings.upstreams.map((u) => u.name).join(', ');
  const unknownService = (req: FastifyRequest, reply: FastifyReply) => {
    const name = req.url.slice(API_PREFIX.length + 1).split(/[/?]/)[0] ?? '';
    reply.code(404).send(apiError(404, `没有这个服务 (unknown service "${name}"; known: ${known})`, String(req.id)));
  };
  fastify.all(`${API_PREFIX}/*`, { schema: { hide: true } as never }, unknownService);
  fastify.all(API_PREFIX, { schema: { hide: true } as never }, unknownService);
}

async function proxyScope(scope: FastifyInstance, upstream: Upstream, settings: GatewaySettings): Promise<void> {
  const prefix = `${API_PREFIX}/${upstream.name}`;
  const timeoutMs = timeoutFor(settings, upstream.name);
  // This scope is created before Nest installs its error handler on the root instance, so it would
  // keep Fastify's default one: the body limit (413), the rate limiter (429) and any other error
  // here get the platform's shape from the same function Nest's filter uses.
  scope.setErrorHandler((err, req, reply) => {
    const body = toApiError(err, String(req.id));
    if (body.statusCode >= 500) req.log.error({ err, service: upstream.name }, body.message);
    reply.code(body.statusCode).send(body);
  });
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: bodyLimitFor(settings, upstream.name) },
    (_req, body, done) => done(null, body),
  );

  const options: FastifyHttpProxyOptions = {
    upstream: upstream.url,
    prefix,
    proxyPayloads: false,
    // reply-from's own per-request info lines; the access log already has one line per request.
    disableRequestLogging: true,
    // The bytes as received, with the client's content type; a GET has no body.
    handler: (req, reply, dest, options) => {
      const body = req.body as Buffer | undefined;
      if (body && body.length > 0) {
        return reply.from(dest, {
          ...options,
          body,
          contentType: req.headers['content-type'] ?? 'application/octet-stream',
        });
      }
      return reply.from(dest, options);
    },
    undici: {
      connections: 128,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: { timeout: settings.connectTimeoutMs },
    },
    replyOptions: {
      retryDelay: () => null,
      rewriteRequestHeaders: (req, headers) => forwardedHeaders(req as FastifyRequest, headers, prefix),
      onError: (reply, { error }) => {
        const failure = classifyUpstreamError(error);
        const body = upstreamErrorBody(
          upstream.name,
          failure,
          String(reply.request.id),
          failure === 'timeout' ? timeoutMs : undefined,
        );
        reply.request.log.warn({ service: upstream.name, failure, err: error }, body.message);
        if (!reply.sent) reply.code(body.statusCode).header('x-request-id', body.requestId).send(body);
      },
    },
  };
  await scope.register(httpProxy, options);
}
