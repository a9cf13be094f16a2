import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { PUBLIC_PRINCIPAL, type Principal, type PrincipalType } from './principal';

export const IS_PUBLIC = 'onewindow:auth:public';
export const PRINCIPAL_TYPES = 'onewindow:auth:principal-types';
export const REQUIRED_ROLES = 'onewindow:auth:roles';

/** The route needs no token. A valid token, if sent, still sets the principal; a bad one is ignored. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these principal types may call the route; anyone else gets 403 (function-level authorisation, S2). */
export const Principals = (...types: Exclude<PrincipalType, 'public'>[]) => SetMetadata(PRINCIPAL_TYPES, types);

/** Only staff holding at least one of these roles may call the route; anyone else gets 403. */
export const RequireRoles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The request's principal as set by AuthGuard (the public principal on a public route without a token). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  return req.principal ?? PUBLIC_PRINCIPAL;
});
