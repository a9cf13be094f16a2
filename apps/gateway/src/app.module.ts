import { Module } from '@nestjs/common';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { identityEntities, identityMigrations, IdentityModule } from './identity/identity.module';
import { orgEntities, orgMigrations, OrgsModule } from './orgs/orgs.module';
import { RoutingModule } from './routing/routing.module';
import { exchangeEntities, exchangeMigrations, ExchangeModule } from './exchange/exchange.module';

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
