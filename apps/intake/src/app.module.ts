import { Module } from '@nestjs/common';
import { AuthModule } from '@onewindow/auth';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
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
      entities: [...messagingEntities, ...catalogueEntities, ...applicationEntities, ...taskEntities, ...appointmentEntities, ...feeEntities, ...documentEntities],
      migrations: [...messagingMigrations, ...catalogueMigrations, ...documentMigrations, ...applicationMigrations, ...taskMigrations, ...appointmentMigrations, ...feeMigrations],
    }),
    MessagingModule.forService({ service: 'intake', contracts: [...intakeContracts, ...intakeFeeContracts] }),
    CatalogueModule,
    DocumentsModule,
    ApplicationsModule,
    TasksModule,
    AppointmentsModule,
    FeesModule,
  ],
})
export class AppModule {}
