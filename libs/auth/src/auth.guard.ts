import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, PRINCIPAL_TYPES, REQUIRED_ROLES } from './decorators';
import { PUBLIC_PRINCIPAL, type Principal, type PrincipalType } from './principal';
import { TokenVerifier } from './token-verifier';

export const AUTH_PUBLIC_PATHS = Symbol('AUTH_PUBLIC_PATHS');
/** Routes of shared libraries that cannot carry @Public(): probes and metrics must answer without a token. */
export const DEFAULT_PUBLIC_PATHS = ['/health', '/metrics'];

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Verifies the bearer token on every route (deny by default) unless the route is @Public(), then
 * applies @Principals() and @RequireRoles(). Object-level checks (whose application is this?) are
 * the handler's job, with the functions in policies.ts.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly publicPaths: string[];

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Optional() @Inject(AUTH_PUBLIC_PATHS) publicPaths?: string[],
  ) {
    this.publicPaths = publicPaths ?? DEFAULT_PUBLIC_PATHS;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Kafka handlers (RPC context) carry no token: events are authorised by their producer and topic.
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true || this.isPublicPath(req);

    if (isPublic) {
      // A stale token must not lock anyone out of the login page or the public catalogue.
      req.principal = await this.verifier
        .principalFromAuthorizationHeader(req.headers.authorization)
        .catch(() => PUBLIC_PRINCIPAL);
      return true;
    }

    const principal = await this.verifier.principalFromAuthorizationHeader(req.headers.authorization);
    if (principal.type === 'public') {
      throw new UnauthorizedException({
        message: '需要登录：请提供 Bearer 令牌 (authentication required: send a Bearer token)',
        details: { reason: 'missing_token' },
      });
    }
    req.principal = principal;

    const types = this.reflector.getAllAndOverride<PrincipalType[] | undefined>(PRINCIPAL_TYPES, targets);
    if (types && !types.includes(principal.type)) {
      throw new ForbiddenException({
        message: `无权调用此接口 (forbidden for ${principal.type} principals)`,
        details: { allowed: types },
      });
    }
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0 && !(principal.type === 'staff' && principal.roles.some((r) => roles.includes(r)))) {
      throw new ForbiddenException({
        message: '缺少所需角色 (forbidden: missing role)',
        details: { requiredAnyOf: roles },
      });
    }
    return true;
  }

  private isPublicPath(req: FastifyRequest): boolean {
    const path = req.routeOptions?.url ?? req.url.split('?')[0];
    return this.publicPaths.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
  }
}
