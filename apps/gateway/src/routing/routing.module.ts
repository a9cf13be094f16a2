import { Module, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@onewindow/observability';
import { GatewaySettingsService } from './gateway-settings.service';
import { OpenApiAggregatorService } from './openapi-aggregator.service';
import { UpstreamHealthService } from './upstream-health.service';

/**
 * The Nest side of routing. The proxying itself lives in Fastify (registered by createGatewayApp
 * through configureFastify, see proxy.ts); this module holds the settings, the merged OpenAPI
 * document and the upstreams' readiness report.
 */
@Module({
  providers: [GatewaySettingsService, OpenApiAggregatorService, UpstreamHealthService],
  exports: [GatewaySettingsService, OpenApiAggregatorService, UpstreamHealthService],
})
export class RoutingModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly upstreams: UpstreamHealthService,
  ) {}

  onModuleInit(): void {
    // Never throws, and not critical: an upstream that is down is reported (detail.status
    // 'degraded', detail.down), it does not make the gateway unready. See UpstreamHealthService.
    this.health.add({ name: 'upstreams', critical: false, check: () => this.upstreams.report() });
  }
}
