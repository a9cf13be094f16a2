import { HttpException } from '@nestjs/common';
import type { Principal } from '@onewindow/auth';
import { toApiError } from '@onewindow/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setPrincipal } from './principal';

/** What the edge needs from libs/auth's TokenVerifier. */
export interface EdgeTokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** Filled in once Nest has built the container (the hooks are registered before Nest exists). */
export interface VerifierRef {
  current?: EdgeTokenVerifier;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const kAuthFailure = Symbol('ow.edgeAuthFailure');
type WithFailure = FastifyRequest & { [kAuthFailure]?: HttpException };

function unauthorized(message: string): HttpException {
  return new HttpException({ message }, 401);
}

/**
 * Edge verification (G1/G2). A request that carries a Bearer token has it verified here:
 * - valid: the principal becomes `req.principal` (access log, rate-limit key, the gateway's routes);
 * - invalid (bad signature, expired, wrong audience or issuer, alg none, garbage): on the proxied
 *   routes (`enforce(url)`) the request is refused with 401 right here, so a forged token never
 *   reaches a service. On the gateway's own routes AuthGuard applies libs/auth's rules instead
 *   (a @Public() route such as /auth/login ignores a stale token).
 * The token is forwarded unchanged: every service verifies it again and authorises on its own.
 * No Authorization header, or another scheme (e.g. Basic for client credentials), is forwarded as
 * is and the service decides what an anonymous caller may do.
 *
 * Verification happens in onRequest, the refusal in preParsing: the rate limiter (a route-level
 * onRequest hook, so between the two) keys a valid token by its principal and everything else,
 * including a flood of bad tokens, by client IP; and no body is read for a refused request.
 */
export function registerEdgeAuth(
  fastify: FastifyInstance,
  verifier: VerifierRef,
  enforce: (url: string) => boolean,
): void {
  fastify.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header || !/^Bearer\b/i.test(header)) return;
    const r = req as WithFailure;
    const match = BEARER.exec(header);
    if (!match) {
      r[kAuthFailure] = unauthorized(
        'Authorization 头格式错误，应为 Bearer 令牌 (malformed Authorization header: expected "Bearer <token>")',
      );
      return;
    }
    if (!verifier.current) {
      r[kAuthFailure] = new HttpException({ message: '身份验证暂不可用 (token verification not ready)' }, 503);
      return;
    }
    try {
      setPrincipal(req, await verifier.current.verify(match[1]!));
    } catch (err) {
      if (err instanceof HttpException) r[kAuthFailure] = err;
      else {
        req.log.warn({ err }, 'token verification failed');
        r[kAuthFailure] = unauthorized('令牌无效 (invalid token)');
      }
    }
  });

  fastify.addHook('preParsing', async (req, reply, payload) => {
    const failure = (req as WithFailure)[kAuthFailure];
    if (!failure || !enforce(req.url)) return payload;
    const body = toApiError(failure, String(req.id));
    if (body.statusCode === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
    reply.code(body.statusCode).send(body);
    return reply as never;
  });
}
