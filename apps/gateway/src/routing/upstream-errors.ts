import { apiError, type ApiError } from '@onewindow/http';

/** What went wrong talking to an upstream, as the client should see it (G1). */
export type UpstreamFailure = 'unavailable' | 'timeout' | 'bad-gateway';

/** Codes meaning "nobody is there to take the request": the service is down or not deployed. */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'FST_REPLY_FROM_SERVICE_UNAVAILABLE',
  'ERR_HTTP2_STREAM_CANCEL',
]);
/** Codes meaning "the service took the request and did not answer in time". */
const TIMEOUT = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
  'FST_REPLY_FROM_TIMEOUT',
  'FST_REPLY_FROM_HTTP_REQUEST_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
  'TimeoutError',
]);

/** Every error code found on the error, its causes and (for AggregateError, e.g. ::1 and 127.0.0.1) its members. */
function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return [];
  const e = err as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown[] };
  const own = [e.code, e.name].filter((c): c is string => typeof c === 'string');
  const nested = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])].flatMap((c) => codesOf(c, depth + 1));
  return [...own, ...nested];
}

/**
 * Classifies an error from the proxy (reply-from wraps undici's error in its own, the cause inside)
 * or from fetch (TypeError "fetch failed" with the socket error as cause; AbortSignal.timeout gives a
 * TimeoutError). Connection refused / unresolvable → unavailable (503); no answer in time → timeout
 * (504); anything else (reset mid-response, malformed response) → bad gateway (502).
 */
export function classifyUpstreamError(err: unknown): UpstreamFailure {
  const codes = codesOf(err);
  if (codes.some((c) => TIMEOUT.has(c))) return 'timeout';
  if (codes.some((c) => UNAVAILABLE.has(c))) return 'unavailable';
  return 'bad-gateway';
}

export function upstreamErrorBody(
  service: string,
  failure: UpstreamFailure,
  requestId: string,
  timeoutMs?: number,
): ApiError {
  switch (failure) {
    case 'unavailable':
      return apiError(503, `服务 ${service} 暂不可用 (service unavailable)`, requestId, { service });
    case 'timeout':
      return apiError(
        504,
        `服务 ${service} 响应超时 (upstream timed out${timeoutMs ? ` after ${timeoutMs} ms` : ''})`,
        requestId,
        { service, timeoutMs },
      );
    default:
      return apiError(502, `服务 ${service} 返回了无效的响应 (bad gateway)`, requestId, { service });
  }
}
