// TEMPORARY: AppModule without identity/orgs while those are being written.
import { Module } from '@nestjs/common';
import { AuthModule, TokenVerifier } from '@onewindow/auth';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { ExchangeModule, exchangeEntities, exchangeMigrations } from '../src/exchange/exchange.module';
import { RoutingModule } from '../src/routing/routing.module';

export const devVerifier: { current?: TokenVerifier } = {};

@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({ database: 'ow_gateway', entities: [...exchangeEntities], migrations: [...exchangeMigrations] }),
    AuthModule.forRootAsync({ useFactory: () => devVerifier.current! }),
    RoutingModule,
    ExchangeModule,
  ],
})
export class DevRootModule {}
