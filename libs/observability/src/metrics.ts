import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per process; every lib adds its own metrics to it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'ow_http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const eventsCounter = new Counter({
  name: 'ow_events_total',
  help: 'Events published by the outbox relay and handled by consumers',
  labelNames: ['direction', 'topic', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const groupCommitWrites = new Histogram({
  name: 'ow_group_commit_writes',
  help: 'Writes per statement of a group commit (1 when alone; larger under load)',
  labelNames: ['statement'] as const,
  buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  registers: [metricsRegistry],
});

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
