import { Logger } from '@nestjs/common';
import { listen } from '@onewindow/http';
import { GATEWAY_DEFAULT_PORT } from './config';
import { createGatewayApp, gatewaySettings } from './gateway-app';

/** The gateway process: `node -r @swc-node/register apps/gateway/src/main.ts` (PORT, default 8080). */
async function main(): Promise<void> {
  const app = await createGatewayApp();
  const base = await listen(app, GATEWAY_DEFAULT_PORT);
  const settings = gatewaySettings(app);
  const logger = new Logger('gateway');
  logger.log(`gateway listening on ${base}`);
  logger.log(`API docs (Swagger UI): ${base}/docs  merged OpenAPI: ${base}/openapi.json`);
  logger.log(`readiness: ${base}/health/ready`);
  logger.log(`routes: ${settings.upstreams.map((u) => `/api/${u.name} -> ${u.url}`).join(', ')}`);
  // Graceful shutdown: createServiceApp enabled Nest's shutdown hooks (SIGTERM/SIGINT close the
  // server, finish in-flight requests, close the database pool and the proxies' connection pools).
}

main().catch((err) => {
  console.error('gateway failed to start', err);
  process.exit(1);
});
