import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoutingModule } from '../routing/routing.module';
import { ExchangeAccessLogEntity } from './entities/exchange-access-log.entity';
import { ExchangeAccessLogRepository } from './exchange-access-log.repository';
import { ExchangeController } from './exchange.controller';
import { ExchangeService } from './exchange.service';
import { ExchangeAccessLog1767300000000 } from './migrations/1767300000000-exchange-access-log';
import { RegistrationStepsExchangeController } from './registration-steps-exchange.controller';

export const exchangeEntities = [ExchangeAccessLogEntity];
export const exchangeMigrations = [ExchangeAccessLog1767300000000];

/** G7: cross-department data exchange for department systems (intake tasks, registration steps, shared data), every access logged with its purpose. */
@Module({
  imports: [TypeOrmModule.forFeature(exchangeEntities), RoutingModule],
  controllers: [ExchangeController, RegistrationStepsExchangeController],
  providers: [ExchangeAccessLogRepository, ExchangeService],
})
export class ExchangeModule {}
