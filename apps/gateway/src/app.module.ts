import { Module } from '@nestjs/common';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { identityEntities, identityMigrations, IdentityModule } from './identity/identity.module';
import { orgEntities, orgMigrations, OrgsModule } from './orgs/orgs.module';
import { RoutingModule } from './routing/routing.module';
import { exchangeEntities, exchangeMigrations, ExchangeModule } from './exchange/exchange.module';

/*
 * Not built with serviceModule(defineService(...)) from @onewindow/service, which fits the services
 * behind the gateway but not the gateway itself:
 * - serviceModule always installs AuthModule.forRoot(), which verifies tokens against a JWKS fetched
 *   from the gateway. The gateway is the issuer: IdentityModule installs AuthModule.forRootAsync on its
 *   own signing keys (no HTTP round trip to itself), and AuthModule must be installed only once.
 * - serviceModule always adds MessagingModule (Kafka client, outbox relay, consumers) and the messaging
 *   tables and migrations. The gateway publishes and consumes no events: it would connect to Kafka and
 *   grow tables in ow_gateway for nothing.
 * - The gateway is booted by createGatewayApp (gateway-app.ts), which registers the edge verification,
 *   rate limits, proxies and merged OpenAPI on Fastify before Nest's routes; main.ts and the tests call
 *   it, not createServiceApp or bootTestService.
 */
@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({
      database: 'ow_gateway',
      entities: [...identityEntities, ...orgEntities, ...exchangeEntities],
      migrations: [...orgMigrations, ...identityMigrations, ...exchangeMigrations],
    }),
    OrgsModule,
    IdentityModule,
    RoutingModule,
    ExchangeModule,
  ],
})
export class AppModule {}
