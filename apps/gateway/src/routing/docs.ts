import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Swagger UI's files, from the swagger-ui-dist that @nestjs/swagger ships (no CDN: the UI works offline). */
function swaggerUiDir(): string {
  const pkg = require.resolve('swagger-ui-dist/package.json', {
    paths: [path.dirname(require.resolve('@nestjs/swagger'))],
  });
  return path.dirname(pkg);
}

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const HTML = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>OneWindow API · 一网通办接口文档</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/swagger-ui-init.js"></script>
</body>
</html>`;

// The UI reads the live merged document, so it shows a service as soon as it is back.
const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    displayRequestDuration: true,
    filter: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout'
  });
};
`;

/**
 * G5: Swagger UI at /docs on the merged document at /openapi.json. Served by plain routes rather
 * than SwaggerModule.setup, which needs @fastify/static and would show the document as of start-up.
 */
export function registerDocs(fastify: FastifyInstance): void {
  const dir = swaggerUiDir();
  const cache = new Map<string, Buffer>();
  const hide = { schema: { hide: true } as never };
  const page = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(HTML);
  fastify.get('/docs', hide, page);
  fastify.get('/docs/', hide, page);
  fastify.get('/docs/index.html', hide, page);
  fastify.get('/docs/swagger-ui-init.js', hide, async (_req, reply) =>
    reply.type('application/javascript; charset=utf-8').send(INIT),
  );
  fastify.get<{ Params: { file: string } }>('/docs/:file', hide, async (req, reply) => {
    const type = ASSETS[req.params.file];
    if (!type) return reply.callNotFound();
    let body = cache.get(req.params.file);
    if (!body) {
      body = await readFile(path.join(dir, req.params.file));
      cache.set(req.params.file, body);
    }
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(body);
  });
}
