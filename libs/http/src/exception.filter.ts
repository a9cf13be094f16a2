import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError, EntityNotFoundError, OptimisticLockVersionMismatchError } from 'typeorm';
import { apiError, type ApiError } from './api-error';

const PG_UNIQUE_VIOLATION = '23505';
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300']);
const NET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/** Turns anything thrown into the platform's error shape; never leaks stack traces or SQL. */
export function toApiError(err: unknown, requestId: string): ApiError {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    if (typeof res === 'string') return apiError(status, translateFastify(status, res), requestId);
    const r = res as { message?: unknown; details?: unknown };
    const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? err.message);
    return apiError(status, translateFastify(status, message), requestId, r.details);
  }
  if (err instanceof EntityNotFoundError) return apiError(404, '对象不存在 (not found)', requestId);
  if (err instanceof OptimisticLockVersionMismatchError)
    return apiError(409, '对象已被他人修改，请刷新后重试 (modified concurrently)', requestId);
  const code =
    (err as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  if (err instanceof QueryFailedError && code === PG_UNIQUE_VIOLATION)
    return apiError(409, '记录已存在 (already exists)', requestId);
  if (
    (code && PG_UNAVAILABLE.has(code)) ||
    (code && NET_ERRORS.has(code)) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(
      String((err as Error)?.message),
    )
  ) {
    return apiError(503, '服务暂不可用，请稍后重试 (dependency unavailable)', requestId);
  }
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
  const fst = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
    return apiError(fst.statusCode, fastifyMessage(fst.code, fst.message), requestId);
  }
  return apiError(500, '服务器内部错误 (internal error)', requestId);
}

/**
 * Nest re-wraps Fastify's body-parsing errors as plain HttpExceptions without their code, so they are
 * recognised by status and Fastify's own wording and given the platform's bilingual text.
 */
function translateFastify(status: number, message: string): string {
  if (status === 400 && /not valid JSON|Unexpected token|JSON at position|Body cannot be empty/i.test(message))
    return fastifyMessage('FST_ERR_CTP_INVALID_JSON_BODY', message);
  if (status === 413 && /too large/i.test(message)) return fastifyMessage('FST_ERR_CTP_BODY_TOO_LARGE', message);
  if (status === 415 && /Unsupported Media Type/i.test(message))
    return fastifyMessage('FST_ERR_CTP_INVALID_MEDIA_TYPE', message);
  return message;
}

function fastifyMessage(code: string | undefined, fallback: string | undefined): string {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `请求体不是合法的 JSON (malformed JSON body): ${fallback ?? ''}`.trim();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return '请求体过大 (request body too large)';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return '不支持的内容类型 (unsupported content type)';
    default:
      return fallback ?? 'Bad Request';
  }
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const body = toApiError(exception, String(req?.id ?? ''));
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId: body.requestId }, body.message);
    if (reply.sent) return;
    reply.status(body.statusCode).header('x-request-id', body.requestId).send(body);
  }
}
