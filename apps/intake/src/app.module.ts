import { Module } from '@nestjs/common';
import { AuthModule } from '@onewindow/auth';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { officialCalendarEntities, officialCalendarMigrations, OfficialCalendarModule } from '@onewindow/official-calendar';
import { CalendarModule } from './calendar/calendar.module';
import { intakeCalendar } from './deadlines/intake-calendar';
import { intakeContracts, intakeFeeContracts } from '@onewindow/contracts';
import { catalogueEntities, catalogueMigrations, CatalogueModule } from './catalogue/catalogue.module';
import { applicationEntities, applicationMigrations, ApplicationsModule } from './applications/applications.module';
import { taskEntities, taskMigrations, TasksModule } from './tasks/tasks.module';
import { appointmentEntities, appointmentMigrations, AppointmentsModule } from './appointments/appointments.module';
import { feeEntities, feeMigrations, FeesModule } from './fees/fees.module';
import { documentEntities, documentMigrations, DocumentsModule } from './documents/documents.module';

@Module({
  imports: [
    ObservabilityModule,
    AuthModule.forRoot(),
    PersistenceModule.forService({
      database: 'ow_intake',
      entities: [...messagingEntities, ...officialCalendarEntities, ...catalogueEntities, ...applicationEntities, ...taskEntities, ...appointmentEntities, ...feeEntities, ...documentEntities],
      migrations: [...messagingMigrations, ...officialCalendarMigrations, ...catalogueMigrations, ...documentMigrations, ...applicationMigrations, ...taskMigrations, ...appointmentMigrations, ...feeMigrations],
    }),
    MessagingModule.forService({ service: 'intake', contracts: [...intakeContracts, ...intakeFeeContracts] }),
    OfficialCalendarModule.forService({ calendar: intakeCalendar, lockName: 'intake-calendar' }),
    CatalogueModule,
    DocumentsModule,
    ApplicationsModule,
    TasksModule,
    AppointmentsModule,
    FeesModule,
    CalendarModule,
  ],
})
export class AppModule {}
