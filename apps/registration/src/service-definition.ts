import { calendarContracts, registrationContracts } from '@onewindow/contracts';
import {
  officialCalendarEntities,
  officialCalendarMigrations,
  OfficialCalendarModule,
} from '@onewindow/official-calendar';
import { defineService } from '@onewindow/service';
import { calendarEntities, calendarMigrations, CalendarModule } from './calendar/calendar.module';
import { RegistrationConfigModule } from './config/registration-config.module';
import { licenceEntities, licenceMigrations, LicencesModule } from './licences/licences.module';
import { nameEntities, nameMigrations, NamesModule } from './names/names.module';
import {
  registrationEntities,
  registrationMigrations,
  RegistrationsModule,
} from './registrations/registrations.module';
import { sagaEntities, sagaMigrations, SagaModule } from './saga/saga.module';
import { registrationCalendar } from './shared/calendar';
import { stepEntities, stepMigrations, StepsModule } from './steps/steps.module';
import { usccEntities, usccMigrations, UsccModule } from './uscc/uscc.module';

/**
 * Opening a company in one day (30-registration.md): the one form, the name check, the USCC, the
 * e-licence, the department steps and the saga that drives them over Kafka. Read by AppModule and by
 * every test (`serviceModule(registrationDefinition, { extra, poolSize })`).
 */
export const registrationDefinition = defineService({
  name: 'registration',
  database: 'ow_registration',
  entities: [
    ...officialCalendarEntities,
    ...registrationEntities,
    ...stepEntities,
    ...nameEntities,
    ...usccEntities,
    ...licenceEntities,
    ...sagaEntities,
    ...calendarEntities,
  ],
  // registrationMigrations holds the init migration that creates every feature's table, so it comes first.
  migrations: [
    ...officialCalendarMigrations,
    ...registrationMigrations,
    ...stepMigrations,
    ...nameMigrations,
    ...usccMigrations,
    ...licenceMigrations,
    ...sagaMigrations,
    ...calendarMigrations,
  ],
  // calendarContracts: registration consumes intake's holiday notices (issue 12).
  contracts: [...registrationContracts, ...calendarContracts],
  platform: [
    OfficialCalendarModule.forService({ calendar: registrationCalendar, lockName: 'registration-calendar' }),
    RegistrationConfigModule.register(),
  ],
  features: [RegistrationsModule, NamesModule, StepsModule, UsccModule, LicencesModule, SagaModule, CalendarModule],
});
