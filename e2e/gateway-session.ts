import { waitHttp } from '@onewindow/testing';

/** A client of the running platform through the gateway only, logged in as the seeded demo users. */
export class GatewaySession {
  private readonly tokens = new Map<string, string>();
  constructor(readonly base: string) {}

  async ready(): Promise<void> {
    await waitHttp(`${this.base}/health/ready`, 90_000);
  }

  async login(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const r = await fetch(`${this.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'OneWindow#2026' }),
    });
    const body = (await r.json()) as { access_token?: string };
    if (!r.ok || !body.access_token) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(body)}`);
    this.tokens.set(username, body.access_token);
    return body.access_token;
  }

  async call(
    user: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: any; headers: Headers }> {
    const h: Record<string, string> = { ...headers };
    if (user) h.authorization = `Bearer ${await this.login(user)}`;
    let payload: string | Uint8Array | undefined;
    if (Buffer.isBuffer(body)) payload = new Uint8Array(body);
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = h['content-type'] ?? 'application/json';
    }
    const r = await fetch(`${this.base}${path}`, { method, headers: h, body: payload });
    const text = await r.text();
    let json: any = text;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: r.status, json, headers: r.headers };
  }
}
