import { Controller, Get, HttpStatus, Inject, Injectable, Optional, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

/** A readiness check: resolves with details when healthy, throws (or rejects) when not. */
export interface HealthCheck {
  name: string;
  check(): Promise<unknown>;
  /**
   * false: reported, but its failure does not make the process unready. Kafka is such a dependency
   * for services (the outbox keeps writes flowing while it is down), and upstreams are for the gateway.
   */
  critical?: boolean;
}
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

@Injectable()
export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];
  constructor(@Optional() @Inject(HEALTH_CHECKS) initial?: HealthCheck[]) {
    this.checks.push(...(initial ?? []));
  }
  add(check: HealthCheck): void {
    this.checks.push(check);
  }
  async run(timeoutMs = 2000): Promise<{
    ok: boolean;
    checks: Record<string, { ok: boolean; critical: boolean; detail?: unknown; error?: string }>;
  }> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          const detail = await Promise.race([
            c.check(),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs).unref(),
            ),
          ]);
          return [c.name, { ok: true, critical: c.critical !== false, detail }] as const;
        } catch (e) {
          return [c.name, { ok: false, critical: c.critical !== false, error: (e as Error).message }] as const;
        }
      }),
    );
    return { ok: results.every(([, r]) => r.ok || !r.critical), checks: Object.fromEntries(results) };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** Liveness: the process answers. Never checks dependencies, so a database outage does not restart pods. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers; 503 with the failing ones otherwise. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    const result = await this.registry.run();
    reply
      .status(result.ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: result.ok ? 'ok' : 'unavailable', ...result });
  }
}
