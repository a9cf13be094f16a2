import { Injectable } from '@nestjs/common';
import type { Upstream } from '../config';
import { resolveGatewaySettings, type GatewaySettings } from './settings';

/**
 * The resolved settings inside Nest's container. The AppModule is static, so createGatewayApp puts
 * the settings it resolved (the same object the Fastify plugins were configured with) here before
 * the application is initialised; without it (e.g. an app built from AppModule some other way) the
 * environment is read.
 */
@Injectable()
export class GatewaySettingsService {
  private value?: GatewaySettings;
  set(settings: GatewaySettings): void {
    this.value = settings;
  }
  get(): GatewaySettings {
    return (this.value ??= resolveGatewaySettings());
  }
  upstream(name: string): Upstream | undefined {
    return this.get().upstreams.find((u) => u.name === name);
  }
}
