import { Injectable } from '@nestjs/common';
import { GatewaySettingsService } from './gateway-settings.service';
import { failureReason, getJson } from './upstream-client';

export interface UpstreamState {
  status: 'up' | 'down';
  url: string;
  ms?: number;
  /** Why it is down: unreachable, timeout, or the service's own failing checks. */
  reason?: string;
  checks?: unknown;
}

export interface UpstreamsReport {
  status: 'ok' | 'degraded';
  down: string[];
  services: Record<string, UpstreamState>;
}

/**
 * G8: asks every service's /health/ready (1 s each, in parallel). The report never fails the
 * gateway's own readiness: the gateway is ready when it can serve, i.e. its own database answers.
 * A service being down only fails that service's routes (503), so taking the gateway out of the
 * load balancer for it would turn one service's outage into an outage of all of them; the report
 * says which service is down (`status: degraded`, `down: [...]`).
 */
@Injectable()
export class UpstreamHealthService {
  constructor(private readonly settings: GatewaySettingsService) {}

  async report(): Promise<UpstreamsReport> {
    const { upstreams, healthTimeoutMs } = this.settings.get();
    const entries = await Promise.all(
      upstreams.map(async (u): Promise<[string, UpstreamState]> => {
        try {
          const res = await getJson(`${u.url}/health/ready`, healthTimeoutMs);
          if (res.status === 200) return [u.name, { status: 'up', url: u.url, ms: res.ms }];
          const body = res.body as { checks?: unknown } | undefined;
          return [
            u.name,
            { status: 'down', url: u.url, ms: res.ms, reason: `not ready (HTTP ${res.status})`, checks: body?.checks },
          ];
        } catch (err) {
          return [u.name, { status: 'down', url: u.url, reason: failureReason(err).reason }];
        }
      }),
    );
    const services = Object.fromEntries(entries);
    const down = entries.filter(([, s]) => s.status === 'down').map(([n]) => n);
    return { status: down.length === 0 ? 'ok' : 'degraded', down, services };
  }
}
