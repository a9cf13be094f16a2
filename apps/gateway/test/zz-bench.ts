import autocannon from 'autocannon';
import { LocalTokenIssuer, TokenVerifier } from '@onewindow/auth';
import { createTestDatabase } from '@onewindow/testing';
import { createGatewayApp } from '/work/main/apps/gateway/src/gateway-app';
import { DevRootModule, devVerifier } from '/work/main/apps/gateway/test/dev-root.module';
import { startSampleUpstream } from '/work/main/apps/gateway/test/sample-upstream';

async function run(url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, connections: 50, duration: 8, headers });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

(async () => {
  process.env.OW_LOG_LEVEL = 'warn';
  const db = await createTestDatabase('gwbench');
  const sample = await startSampleUpstream();
  const issuer = await LocalTokenIssuer.create();
  devVerifier.current = new TokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.jwks });
  const gw = await createGatewayApp({ rootModule: DevRootModule, database: db.connection, upstreams: [{ name: 'intake', url: sample.url }], rateLimit: { perPrincipal: 1e9, perIp: 1e9 } });
  await gw.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(gw.getHttpServer().address() as any).port}`;
  const token = await issuer.sign({ type: 'citizen', sub: 'b', name: 'b' });
  await run(`${sample.url}/echo`, {});
  console.log('direct     ', await run(`${sample.url}/echo`, { authorization: `Bearer ${token}` }));
  console.log('gateway    ', await run(`${base}/api/intake/echo`, { authorization: `Bearer ${token}` }));
  console.log('gateway anon', await run(`${base}/api/intake/echo`, {}));
  await gw.close(); await sample.app.close(); await db.drop();
})();
