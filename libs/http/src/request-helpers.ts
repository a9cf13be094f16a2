import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The request id (x-request-id), carried into events as their traceId. */
export const TraceId = createParamDecorator((_d: unknown, ctx: ExecutionContext): string =>
  String(ctx.switchToHttp().getRequest<FastifyRequest>().id),
);

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The Idempotency-Key header: `required` for a write an applicant may repeat by a double click or a
 * retry (a submission), optional elsewhere; malformed → 400 in the platform's error shape.
 */
export function idempotencyKeyOf(raw: string | string[] | undefined, required = false): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || v === '') {
    if (!required) return undefined;
    throw new BadRequestException({
      message: '缺少 Idempotency-Key 请求头 (Idempotency-Key header required)',
      details: [{ field: 'Idempotency-Key', problems: ['required'] }],
    });
  }
  if (!IDEMPOTENCY_KEY.test(v)) {
    throw new BadRequestException({
      message: 'Idempotency-Key 格式不正确 (malformed Idempotency-Key: 8-128 of A-Z a-z 0-9 . _ : -)',
      details: [{ field: 'Idempotency-Key', problems: ['malformed'] }],
    });
  }
  return v;
}

/** The header's OpenAPI entry: `what` is the object a repeat returns ('the same application'). */
export function idempotencyHeaderDoc(what: string, required: boolean, extra = '') {
  return {
    name: 'Idempotency-Key',
    required,
    description: `A key of the caller's choosing (8-128 of A-Z a-z 0-9 . _ : -). The same key again returns ${what} with 200, nothing written twice${extra}.`,
  };
}
