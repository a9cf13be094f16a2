import { Global, Module } from '@nestjs/common';
import { NamesModule } from '../names/names.module';
import { StepsModule } from '../steps/steps.module';
import { RegistrationEntity } from './entities/registration.entity';
import { RegistrationInit1765000000000 } from './migrations/1765000000000-registration-init';
import { RegistrationCounterRepository } from './registration-counter.repository';
import { RegistrationLifecycleService } from './registration-lifecycle.service';
import { RegistrationQueryService } from './registration-query.service';
import { RegistrationSubmissionService } from './registration-submission.service';
import { RegistrationRepository } from './registration.repository';
import { RegistrationsController } from './registrations.controller';

export const registrationEntities = [RegistrationEntity];
/**
 * The init migration creates every table of the service, those of names, steps, uscc and licences too.
 * Deployed databases record it by its name, so it stays one migration, here with the aggregate it was
 * written for; later schema changes are migrations of the feature owning the table (steps/migrations).
 * The service definition lists this feature's migrations before the others', in timestamp order.
 */
export const registrationMigrations = [RegistrationInit1765000000000];

/**
 * The founder's side of opening a company (R1, R6, R7, R9): the one form submitted, withdrawal,
 * corrections, progress and the one-day report. Global, as intake's DocumentsModule is: the features
 * it builds on (names, steps) and those after it (licences, the saga) read and move the registration
 * inside their own transactions, so they inject its repositories without importing this module.
 */
@Global()
@Module({
  imports: [NamesModule, StepsModule],
  controllers: [RegistrationsController],
  providers: [
    RegistrationRepository,
    RegistrationCounterRepository,
    RegistrationSubmissionService,
    RegistrationQueryService,
    RegistrationLifecycleService,
  ],
  exports: [RegistrationRepository, RegistrationCounterRepository],
})
export class RegistrationsModule {}
