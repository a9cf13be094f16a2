import { applyDecorators, BadRequestException, ForbiddenException } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { hasScope, type SystemPrincipal } from '@onewindow/auth';
import { PURPOSE_HEADER, PURPOSE_MAX, PURPOSE_MIN } from './domain/purpose';

/*
 * What every exchange route shares (G7): the purpose header and error responses in the OpenAPI
 * document, the scope check, and keeping a caller to its own department. The forwarding itself is
 * ExchangeService.forward.
 */

/** The exchange's entitlements: what a department system may do is the scopes its client was granted. */
export const ExchangeScopes = {
  work: 'tasks:read',
  decisions: 'tasks:decide',
  enterprises: 'data:enterprise-basic',
  licences: 'data:e-licence',
  registrationSteps: 'tasks:read',
  registrationStepResults: 'tasks:decide',
} as const;

export const PurposeHeader = () =>
  ApiHeader({
    name: PURPOSE_HEADER,
    required: true,
    description: `调用目的 (purpose of the access, ${PURPOSE_MIN}-${PURPOSE_MAX} characters; non-ASCII text percent-encoded), recorded with every call`,
    schema: { type: 'string', minLength: PURPOSE_MIN, maxLength: PURPOSE_MAX },
  });

export const ExchangeErrors = () =>
  applyDecorators(
    ApiResponse({ status: 400, description: 'Missing or malformed purpose, or malformed input' }),
    ApiResponse({ status: 401, description: 'No valid token' }),
    ApiResponse({
      status: 403,
      description: 'Not a department system, a scope the client lacks, or another department',
    }),
    ApiResponse({ status: 429, description: 'Rate limit exceeded (Retry-After)' }),
    ApiResponse({ status: 503, description: 'The service holding the data is unavailable' }),
    ApiResponse({ status: 504, description: 'The service holding the data did not answer in time' }),
  );

export function requireScope(principal: SystemPrincipal, scope: string): void {
  if (!hasScope(principal, scope)) {
    throw new ForbiddenException({
      message: `未获授权访问此类数据 (forbidden: the client lacks the scope "${scope}")`,
      details: { requiredScope: scope },
    });
  }
}

export function otherDepartment(own: string): ForbiddenException {
  return new ForbiddenException({
    message: `只能处理本部门 (${own}) 的数据 (a system may only act for its own department)`,
    details: { department: own },
  });
}

/**
 * The query string to pass on (without `?`), with any `department` removed: the department is the
 * token's. A `department` other than the token's is refused with 403.
 */
export function ownDepartmentQuery(url: string, principal: SystemPrincipal): string {
  const q = url.indexOf('?');
  if (q === -1) return '';
  const params = new URLSearchParams(url.slice(q + 1));
  const department = params.get('department');
  if (department !== null && department !== principal.department) throw otherDepartment(principal.department);
  params.delete('department');
  return params.toString();
}

/**
 * A JSON object body to pass on, with any `department` removed: the department is the token's.
 * Anything but an object is 400; a `department` other than the token's is 403.
 */
export function ownDepartmentBody(body: unknown, principal: SystemPrincipal): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException({ message: '请求体应为 JSON 对象 (the body must be a JSON object)' });
  }
  const { department, ...rest } = body as Record<string, unknown>;
  if (department !== undefined && department !== principal.department) throw otherDepartment(principal.department);
  return rest;
}
