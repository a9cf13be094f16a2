import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@onewindow/testing';
import { createServer, type AddressInfo } from 'node:net';
import { createGatewayApp, type GatewayAppOptions } from '../gateway-app';
import { startSampleUpstream } from './sample-upstream';

export const DEMO_PASSWORD = 'OneWindow#2026';

/** Tokens from the gateway's own login and client credentials, taken once per test file. */
export interface GatewayTestTokens {
  /** citizen.li */
  citizen: string;
  /** citizen.zhang, for the test that floods the principal's budget */
  flooder: string;
  /** clerk.city */
  staff: string;
  /** sw-system: tasks:read, tasks:decide, data:enterprise-basic */
  system: string;
  /** ga-system: adds data:e-licence */
  ga: string;
}

export interface GatewayTestApp {
  gateway: NestFastifyApplication;
  /** Where the gateway listens, e.g. http://127.0.0.1:41234 */
  base: string;
  db: TestDatabase;
  tokens: GatewayTestTokens;
  close(): Promise<void>;
}

/** A port nobody listens on: the "registration" service that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * The real gateway (createGatewayApp, a fresh database on the real Postgres), listening on a random
 * port, with `intake` pointing at the sample upstream (sample-upstream.ts) and `registration` at a
 * closed port. Five logins on the login budget: the tokens of GatewayTestTokens, from the gateway itself.
 */
export async function bootGatewayTestApp(
  prefix: string,
  options: Omit<GatewayAppOptions, 'database' | 'upstreams'>,
): Promise<GatewayTestApp> {
  const db = await createTestDatabase(prefix);
  let sample: Awaited<ReturnType<typeof startSampleUpstream>> | undefined;
  let gateway: NestFastifyApplication | undefined;
  const close = async () => {
    await gateway?.close();
    await sample?.app.close();
    await db.drop();
  };
  try {
    sample = await startSampleUpstream();
    gateway = await createGatewayApp({
      ...options,
      database: db.connection,
      upstreams: [
        { name: 'intake', url: sample.url },
        { name: 'registration', url: `http://127.0.0.1:${await closedPort()}` },
      ],
    });
    await gateway.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
    return { gateway, base, db, tokens: await gatewayTokens(base), close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

async function gatewayTokens(base: string): Promise<GatewayTestTokens> {
  const tokenFrom = async (path: string, body: Record<string, string>): Promise<string> => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200)
      throw new Error(`${path} for ${body.username ?? body.client_id}: expected 200, got ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const login = (username: string) => tokenFrom('/auth/login', { username, password: DEMO_PASSWORD });
  const clientToken = (clientId: string) =>
    tokenFrom('/auth/token', { grant_type: 'client_credentials', client_id: clientId, client_secret: DEMO_PASSWORD });
  return {
    citizen: await login('citizen.li'),
    flooder: await login('citizen.zhang'),
    staff: await login('clerk.city'),
    system: await clientToken('sw-system'),
    ga: await clientToken('ga-system'),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The platform's one error shape (10-gateway.md), whatever answered: the gateway or a service behind it. */
export function expectErrorShape(body: Record<string, unknown>, status: number): void {
  expect(body).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
    requestId: expect.any(String),
  });
}
