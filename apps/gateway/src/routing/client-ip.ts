import type { FastifyRequest } from 'fastify';

/**
 * The client's address for rate limiting and X-Forwarded-For. Fastify's `req.ip` trusts every
 * X-Forwarded-For hop (the shared bootstrap sets trustProxy: true for services, which sit behind the
 * gateway), so at the edge a client could choose its own rate-limit bucket by sending the header.
 * Here only the last `trustedHops` entries, appended by proxies we run, are believed.
 */
export function clientIp(req: Pick<FastifyRequest, 'headers' | 'raw'>, trustedHops: number): string {
  const peer = req.raw.socket?.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return normalise(peer);
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // chain = [client, proxy1, ..., proxyN-1], the peer is proxyN. With h trusted hops the client is h entries from the end.
  const index = chain.length - trustedHops;
  return normalise(index >= 0 ? chain[index]! : (chain[0] ?? peer));
}

function normalise(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
