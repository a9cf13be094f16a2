/** The services behind the gateway and where they listen (G1). Each can be moved by OW_UPSTREAM_<NAME>. */
export const SERVICES = ['intake', 'registration', 'project-review', 'trading', 'enforcement', 'oversight'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  intake: 3001,
  registration: 3002,
  'project-review': 3003,
  trading: 3004,
  enforcement: 3005,
  oversight: 3006,
};

export interface Upstream {
  name: string;
  url: string;
}

export function upstreamsFromEnv(env: NodeJS.ProcessEnv = process.env): Upstream[] {
  return SERVICES.map((name) => ({
    name,
    url: env[`OW_UPSTREAM_${name.toUpperCase().replace(/-/g, '_')}`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}`,
  }));
}

export const GATEWAY_DEFAULT_PORT = 8080;
