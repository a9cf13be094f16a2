import { Global, Module } from '@nestjs/common';
import { HealthController, HealthRegistry } from './health';
import { MetricsController } from './metrics';

@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [HealthRegistry],
  exports: [HealthRegistry],
})
export class ObservabilityModule {}
