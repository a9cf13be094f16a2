import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SystemPrincipal } from '@onewindow/auth';

/**
 * The exchange is for department systems only (G7). AuthGuard (global, from libs/auth) already
 * applies @Principals('system'); this guard repeats the check on the principal the request carries
 * (set by AuthGuard, or by the gateway's edge verification) so the exchange stays closed even in
 * an application assembled without the global guard.
 */
@Injectable()
export class SystemPrincipalGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal || principal.type === 'public') {
      throw new UnauthorizedException({
        message: '需要登录：请提供 Bearer 令牌 (authentication required: send a Bearer token)',
        details: { reason: 'missing_token' },
      });
    }
    if (principal.type !== 'system') {
      throw new ForbiddenException({
        message: `数据共享交换仅供部门系统调用 (the exchange is for department systems only, not ${principal.type} principals)`,
        details: { allowed: ['system'] },
      });
    }
    return true;
  }
}

export function systemPrincipal(req: FastifyRequest): SystemPrincipal {
  return req.principal as SystemPrincipal;
}
