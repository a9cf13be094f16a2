import { Module, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@onewindow/observability';
import { OpenApiAggregator } from './openapi-aggregator.service';
import { GatewaySettingsHolder } from './settings';
import { UpstreamHealth } from './upstream-health';

/**
 * The Nest side of routing. The proxying itself lives in Fastify (registered by createGatewayApp
 * through configureFastify, see proxy.ts); this module holds the settings, the merged OpenAPI
 * document and the upstreams' readiness report.
 */
@Module({
  providers: [GatewaySettingsHolder, OpenApiAggregator, UpstreamHealth],
  exports: [GatewaySettingsHolder, OpenApiAggregator, UpstreamHealth],
})
export class RoutingModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly upstreams: UpstreamHealth,
  ) {}

  onModuleInit(): void {
    // Never throws, and not critical: an upstream that is down is reported (detail.status
    // 'degraded', detail.down), it does not make the gateway unready. See UpstreamHealth.
    this.health.add({ name: 'upstreams', critical: false, check: () => this.upstreams.report() });
  }
}
