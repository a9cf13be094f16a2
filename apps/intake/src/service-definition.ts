import { intakeContracts, intakeFeeContracts } from '@onewindow/contracts';
import {
  officialCalendarEntities,
  officialCalendarMigrations,
  OfficialCalendarModule,
} from '@onewindow/official-calendar';
import { defineService } from '@onewindow/service';
import { applicationEntities, applicationMigrations, ApplicationsModule } from './applications/applications.module';
import { appointmentEntities, appointmentMigrations, AppointmentsModule } from './appointments/appointments.module';
import { CalendarModule } from './calendar/calendar.module';
import { catalogueEntities, catalogueMigrations, CatalogueModule } from './catalogue/catalogue.module';
import { intakeCalendar } from './deadlines/intake-calendar';
import { documentEntities, documentMigrations, DocumentsModule } from './documents/documents.module';
import { feeEntities, feeMigrations, FeesModule } from './fees/fees.module';
import { taskEntities, taskMigrations, TasksModule } from './tasks/tasks.module';

/**
 * Intake: the catalogue (事项清单) and the single window (一窗受理), from receipt to delivery, with the
 * clock, documents, appointments and fees. Read by AppModule and by every intake test app.
 */
export const intakeDefinition = defineService({
  name: 'intake',
  database: 'ow_intake',
  entities: [
    ...officialCalendarEntities,
    ...catalogueEntities,
    ...applicationEntities,
    ...taskEntities,
    ...appointmentEntities,
    ...feeEntities,
    ...documentEntities,
  ],
  migrations: [
    ...officialCalendarMigrations,
    ...catalogueMigrations,
    ...documentMigrations,
    ...applicationMigrations,
    ...taskMigrations,
    ...appointmentMigrations,
    ...feeMigrations,
  ],
  contracts: [...intakeContracts, ...intakeFeeContracts],
  platform: [OfficialCalendarModule.forService({ calendar: intakeCalendar, lockName: 'intake-calendar' })],
  features: [
    CatalogueModule,
    DocumentsModule,
    ApplicationsModule,
    TasksModule,
    AppointmentsModule,
    FeesModule,
    CalendarModule,
  ],
});
