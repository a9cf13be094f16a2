import { Module } from '@nestjs/common';
import { AuthModule } from '@onewindow/auth';
import { calendarContracts, registrationContracts } from '@onewindow/contracts';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { officialCalendarEntities, officialCalendarMigrations, OfficialCalendarModule } from '@onewindow/official-calendar';
import { PersistenceModule } from '@onewindow/persistence';
import { registrationEntities, registrationMigrations, RegistrationModule } from './registration.module';
import { registrationCalendar } from './shared/calendar';

@Module({
  imports: [
    ObservabilityModule,
    AuthModule.forRoot(),
    PersistenceModule.forService({
      database: 'ow_registration',
      entities: [...messagingEntities, ...officialCalendarEntities, ...registrationEntities],
      migrations: [...messagingMigrations, ...officialCalendarMigrations, ...registrationMigrations],
    }),
    // calendarContracts: registration consumes intake's holiday notices (issue 12).
    MessagingModule.forService({ service: 'registration', contracts: [...registrationContracts, ...calendarContracts] }),
    OfficialCalendarModule.forService({ calendar: registrationCalendar, lockName: 'registration-calendar' }),
    RegistrationModule.register(),
  ],
})
export class AppModule {}
