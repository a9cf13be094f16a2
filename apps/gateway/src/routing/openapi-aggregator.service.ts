import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mergeOpenApi, type OpenApiDoc, type ServiceDoc, type UnavailableService } from './openapi-merge';
import { GatewaySettingsService } from './gateway-settings.service';
import { failureReason, getJson } from './upstream-client';

/** How soon a merge that lacks a service is retried when someone asks for the document. */
const RETRY_MISSING_MS = 5_000;

/**
 * Keeps the merged OpenAPI document (G5): every service's /openapi.json is fetched when first asked
 * for and again every `openApiRefreshMs` (60 s); a service that is down, slow or answers with
 * something that is not an OpenAPI document is left out and named in `x-unavailable`, never
 * blocking the document for the others.
 */
@Injectable()
export class OpenApiAggregatorService implements OnApplicationShutdown {
  private readonly logger = new Logger('openapi');
  private gatewayDoc: () => OpenApiDoc = () => ({
    openapi: '3.0.0',
    info: { title: 'OneWindow gateway', version: '1' },
    paths: {},
  });
  private merged?: OpenApiDoc;
  private fetchedAt = 0;
  /** Services missing from the last merge. */
  private missing = 0;
  private inflight?: Promise<OpenApiDoc>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly settings: GatewaySettingsService) {}

  /** The gateway's own document (SwaggerModule.createDocument of its controllers), built lazily. */
  setGatewayDocument(factory: () => OpenApiDoc): void {
    let cached: OpenApiDoc | undefined;
    this.gatewayDoc = () => (cached ??= factory());
    this.merged = undefined;
    this.fetchedAt = 0;
  }

  /** Starts the periodic refresh (not in the constructor: tests and scripts that never listen need no timer). */
  startRefreshing(): void {
    const every = this.settings.get().openApiRefreshMs;
    if (this.timer || every <= 0) return;
    // Warm up now, so the first reader of /openapi.json does not wait for the services.
    void this.refresh().catch((e) => this.logger.warn(`refresh failed: ${(e as Error).message}`));
    this.timer = setInterval(
      () => void this.refresh().catch((e) => this.logger.warn(`refresh failed: ${(e as Error).message}`)),
      every,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * The merged document; fetched now if never fetched or older than the refresh period, or, while a
   * service is missing from it, older than 5 s (a service that started after the gateway shows up on
   * the next look at /docs rather than a minute later).
   */
  async document(): Promise<OpenApiDoc> {
    const maxAge =
      this.missing > 0
        ? Math.min(RETRY_MISSING_MS, this.settings.get().openApiRefreshMs)
        : this.settings.get().openApiRefreshMs;
    const fresh = Date.now() - this.fetchedAt < maxAge;
    if (this.merged && fresh) return this.merged;
    return this.refresh();
  }

  refresh(): Promise<OpenApiDoc> {
    this.inflight ??= this.build().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async build(): Promise<OpenApiDoc> {
    const { upstreams, openApiFetchTimeoutMs } = this.settings.get();
    const results = await Promise.all(
      upstreams.map(async (u): Promise<ServiceDoc | UnavailableService> => {
        try {
          const res = await getJson(`${u.url}/openapi.json`, openApiFetchTimeoutMs);
          const doc = res.body as OpenApiDoc | undefined;
          if (res.status !== 200) return { name: u.name, reason: `HTTP ${res.status}` };
          if (!doc || typeof doc !== 'object' || typeof doc.paths !== 'object')
            return { name: u.name, reason: 'not an OpenAPI document' };
          return { name: u.name, doc };
        } catch (err) {
          return { name: u.name, reason: failureReason(err).reason };
        }
      }),
    );
    const services = results.filter((r): r is ServiceDoc => 'doc' in r);
    const unavailable = results.filter((r): r is UnavailableService => !('doc' in r));
    this.merged = mergeOpenApi(this.gatewayDoc(), services, unavailable);
    this.missing = unavailable.length;
    this.fetchedAt = Date.now();
    return this.merged;
  }
}
