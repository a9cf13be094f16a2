import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalTokenIssuer } from '@onewindow/auth';

/**
 * A throw-away token issuer whose key set is served over HTTP, so a service booted in a test verifies
 * tokens exactly as in production (by JWKS URL). Sets OW_JWKS_URL; call before booting the service.
 */
export async function startTestIssuer(): Promise<{ issuer: LocalTokenIssuer; url: string; close(): Promise<void> }> {
  const issuer = await LocalTokenIssuer.create();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(issuer.jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  process.env.OW_JWKS_URL = url;
  return { issuer, url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
