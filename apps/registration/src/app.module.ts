import { Module } from '@nestjs/common';
import { AuthModule } from '@onewindow/auth';
import { registrationContracts } from '@onewindow/contracts';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { registrationEntities, registrationMigrations, RegistrationModule } from './registration.module';

@Module({
  imports: [
    ObservabilityModule,
    AuthModule.forRoot(),
    PersistenceModule.forService({
      database: 'ow_registration',
      entities: [...messagingEntities, ...registrationEntities],
      migrations: [...messagingMigrations, ...registrationMigrations],
    }),
    MessagingModule.forService({ service: 'registration', contracts: registrationContracts }),
    RegistrationModule.register(),
  ],
})
export class AppModule {}
