import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The request id (x-request-id), carried into events as their traceId. */
export const TraceId = createParamDecorator((_d: unknown, ctx: ExecutionContext): string => String(ctx.switchToHttp().getRequest<FastifyRequest>().id));

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The optional Idempotency-Key header; malformed → 400. */
export function idempotencyKeyOf(raw: string | string[] | undefined): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || v === '') return undefined;
  if (!IDEMPOTENCY_KEY.test(v)) {
    throw new BadRequestException({ message: 'Idempotency-Key 格式不正确 (malformed Idempotency-Key: 8-128 of A-Z a-z 0-9 . _ : -)', details: [{ field: 'Idempotency-Key', problems: ['malformed'] }] });
  }
  return v;
}

export const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A key of the founder\'s choosing (8-128 of A-Z a-z 0-9 . _ : -). The same key again returns the same registration with 200, nothing written twice; with a different form, 422.',
};
