import { HttpException, HttpStatus } from '@nestjs/common';

/** The one error shape of the whole platform (10-gateway.md, "Bad input"). */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  requestId: string;
  details?: unknown;
}

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function apiError(statusCode: number, message: string, requestId: string, details?: unknown): ApiError {
  const body: ApiError = { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message, requestId };
  if (details !== undefined) body.details = details;
  return body;
}

/** An invalid state transition: 409 with the state the object is in now, so the caller can refresh. */
export class InvalidTransitionError extends HttpException {
  constructor(what: string, currentState: string, attempted: string) {
    super(
      {
        message: `${what}当前状态为 ${currentState}，不能执行 ${attempted} (invalid transition from ${currentState})`,
        details: { currentState, attempted },
      },
      HttpStatus.CONFLICT,
    );
  }
}

/** An object the caller may not see is reported exactly like one that does not exist (S1). */
export class NotVisibleError extends HttpException {
  constructor(what: string, id: string) {
    super({ message: `${what} ${id} 不存在 (not found)` }, HttpStatus.NOT_FOUND);
  }
}
