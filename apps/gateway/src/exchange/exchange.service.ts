import { Injectable } from '@nestjs/common';
import type { SystemPrincipal } from '@onewindow/auth';
import { apiError } from '@onewindow/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewaySettingsService } from '../routing/gateway-settings.service';
import { timeoutFor } from '../routing/settings';
import { failureReason } from '../routing/upstream-client';
import { classifyUpstreamError, upstreamErrorBody } from '../routing/upstream-errors';
import { parsePurpose, PURPOSE_HEADER } from './domain/purpose';
import { ownDepartmentQuery, requireScope } from './exchange-http';
import { systemPrincipal } from './system-principal.guard';
import { ExchangeAccessLogRepository } from './exchange-access-log.repository';

export interface ExchangeCall {
  /** Route template for the log, e.g. `GET /exchange/work`. */
  route: string;
  service: string;
  method: 'GET' | 'POST';
  /** Path on the service, e.g. `/department/tasks`. */
  upstreamPath: string;
  /** Query string to pass on (without `?`), already cleaned. */
  query?: string;
  body?: unknown;
  purpose: string;
  /** The request id (x-request-id): recorded with the call and passed on to the service. */
  requestId: string;
}

/** Headers passed to a service on an exchange call: the caller's token and the request's identity. */
const PASSED = ['authorization', 'accept', 'accept-language', 'user-agent'];

/**
 * The exchange's one way to a service: record the call (with its purpose) before touching any
 * data, call the service with the system's own token (the service verifies it and scopes the data
 * to the token's department), answer with the service's answer, and complete the record with the
 * status. A service that is down or slow is 503 / 504 in the platform's shape, as on /api/*.
 */
@Injectable()
export class ExchangeService {
  constructor(
    private readonly log: ExchangeAccessLogRepository,
    private readonly settings: GatewaySettingsService,
  ) {}

  /**
   * A department system pulling its own department's list (tasks from intake, steps from registration):
   * its scope, the purpose it declares, the query narrowed to its department, then the forward.
   */
  async pullDepartmentList(
    req: FastifyRequest,
    reply: FastifyReply,
    request: { traceId: string; purposeRaw?: string },
    list: { scope: string; route: string; service: string; upstreamPath: string },
  ): Promise<void> {
    const principal = systemPrincipal(req);
    requireScope(principal, list.scope);
    const purpose = parsePurpose(request.purposeRaw);
    const query = ownDepartmentQuery(req.url, principal);
    await this.forward(req, reply, principal, { ...list, method: 'GET', query, purpose, requestId: request.traceId });
  }

  async forward(
    req: FastifyRequest,
    reply: FastifyReply,
    principal: SystemPrincipal,
    call: ExchangeCall,
  ): Promise<void> {
    const started = performance.now();
    const entry = await this.log.record({
      clientId: principal.sub,
      department: principal.department,
      method: call.method,
      route: call.route,
      path: req.url.split('?')[0]!.slice(0, 300),
      purpose: call.purpose,
      status: null,
      durationMs: null,
      requestId: call.requestId,
    });
    let status = 500;
    try {
      status = await this.call(req, reply, call);
    } finally {
      await this.log
        .complete(entry.id, status, Math.round(performance.now() - started))
        .catch((err) => req.log.error({ err }, 'exchange access log update failed'));
    }
  }

  private async call(req: FastifyRequest, reply: FastifyReply, call: ExchangeCall): Promise<number> {
    const upstream = this.settings.upstream(call.service);
    const requestId = call.requestId;
    if (!upstream) {
      const body = upstreamErrorBody(call.service, 'unavailable', requestId);
      reply.code(body.statusCode).send(body);
      return body.statusCode;
    }
    const timeoutMs = timeoutFor(this.settings.get(), call.service);
    const headers: Record<string, string> = {
      'x-request-id': requestId,
      'x-forwarded-for': [req.headers['x-forwarded-for'], req.raw.socket?.remoteAddress]
        .flat()
        .filter(Boolean)
        .join(', '),
      'x-forwarded-proto': req.protocol,
      'x-forwarded-host': req.headers.host ?? '',
      [PURPOSE_HEADER]: encodeURIComponent(call.purpose),
    };
    for (const name of PASSED) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const url = `${upstream.url}${call.upstreamPath}${call.query ? `?${call.query}` : ''}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: call.method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      text = await res.text();
    } catch (err) {
      const failure = classifyUpstreamError(err);
      const error = upstreamErrorBody(call.service, failure, requestId, failure === 'timeout' ? timeoutMs : undefined);
      req.log.warn({ service: call.service, failure, reason: failureReason(err).reason }, error.message);
      reply.code(error.statusCode).send(error);
      return error.statusCode;
    }
    if (res.status < 100 || res.status > 599) {
      const error = apiError(502, `服务 ${call.service} 返回了无效的响应 (bad gateway)`, requestId);
      reply.code(502).send(error);
      return 502;
    }
    reply.code(res.status).header('content-type', res.headers.get('content-type') ?? 'application/json; charset=utf-8');
    const retryAfter = res.headers.get('retry-after');
    if (retryAfter) reply.header('retry-after', retryAfter);
    reply.send(text);
    return res.status;
  }
}
