import { LocalTokenIssuer, TokenVerifier } from '@onewindow/auth';
import { createTestDatabase } from '@onewindow/testing';
import { writeFileSync } from 'node:fs';
import { createGatewayApp } from '../src/gateway-app';
import { DevRootModule, devVerifier } from './dev-root.module';
(async () => {
  const db = await createTestDatabase('gwbench');
  const issuer = await LocalTokenIssuer.create();
  devVerifier.current = new TokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.jwks });
  const gw = await createGatewayApp({ rootModule: DevRootModule, database: db.connection, upstreams: [{ name: 'intake', url: process.env.SAMPLE! }], rateLimit: { perPrincipal: 1e9, perIp: 1e9 } });
  await gw.listen(0, '127.0.0.1'); writeFileSync('/tmp/gwbench/port', String((gw.getHttpServer().address() as any).port));
  writeFileSync('/tmp/gwbench/token', await issuer.sign({ type: 'citizen', sub: 'b', name: 'b' }));
  console.log('GW up');
  process.on('SIGTERM', async () => { await gw.close(); await db.drop(); process.exit(0); });
})();
