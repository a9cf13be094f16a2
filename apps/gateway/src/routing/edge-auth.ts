import { HttpException } from '@nestjs/common';
import type { Principal } from '@onewindow/auth';
import { apiError } from '@onewindow/http';
import type { FastifyInstance } from 'fastify';
import { setPrincipal } from './principal';

/** What the edge needs from libs/auth's TokenVerifier. */
export interface EdgeTokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** Filled in once Nest has built the container (the hook is registered before Nest exists). */
export interface VerifierRef {
  current?: EdgeTokenVerifier;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Edge verification (G1/G2): a request that carries a Bearer token is refused with 401 right here
 * when the token does not verify (bad signature, expired, wrong audience or issuer, alg none...),
 * so a forged token never reaches a service; a valid one becomes `req.principal` for the access
 * log and the rate limiter. The token itself is forwarded unchanged: every service verifies it
 * again and authorises on its own. No Authorization header (or another scheme, e.g. Basic for
 * client credentials) is forwarded as is, and the service decides what an anonymous caller may do.
 * `enforce(url)` says where a bad token is refused here (the proxied /api/* routes); on the
 * gateway's own routes AuthGuard applies libs/auth's rules (e.g. @Public() routes ignore a bad token).
 */
export function registerEdgeAuth(fastify: FastifyInstance, verifier: VerifierRef, enforce: (path: string) => boolean): void {
  fastify.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    if (!header || !/^Bearer\b/i.test(header)) return;
    const match = BEARER.exec(header);
    if (!enforce(req.url)) {
      // The gateway's own routes: AuthGuard decides (a stale token must not lock anyone out of
      // /auth/login); the principal is still known here when the token is good, for the log and limits.
      if (match && verifier.current) {
        const principal = await verifier.current.verify(match[1]!).catch(() => undefined);
        if (principal) setPrincipal(req, principal);
      }
      return;
    }
    const reject = (message: string) => {
      reply
        .code(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send(apiError(401, message, String(req.id)));
      return reply;
    };
    if (!match) return reject('令牌格式错误 (malformed Authorization header: expected "Bearer <token>")');
    if (!verifier.current) {
      reply.code(503).send(apiError(503, '身份验证暂不可用 (token verification not ready)', String(req.id)));
      return reply;
    }
    try {
      setPrincipal(req, await verifier.current.verify(match[1]!));
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() === 401) {
        const res = err.getResponse();
        const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? err.message);
        return reject(message);
      }
      if (err instanceof HttpException) throw err;
      req.log.warn({ err }, 'token verification failed');
      return reject('令牌无效 (invalid token)');
    }
  });
}
