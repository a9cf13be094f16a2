/** Where the public verification page lives; printed on every document (OW_DOCUMENT_VERIFY_URL). */
export function verificationBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  // Through the gateway: /api/<service>/... is proxied to the service (apps/gateway/src/routing/proxy.ts).
  return (env.OW_DOCUMENT_VERIFY_URL ?? 'http://127.0.0.1:8080/api/intake/verify').replace(/\/+$/, '');
}
