import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { RegistrationCalendarModule } from './calendar/registration-calendar.module';
import { REGISTRATION_CONFIG, registrationConfigFromEnv, type RegistrationConfig, type StepDepartment } from './config/registration-config';
import { LicenceRow } from './licences/entities/licence.entity';
import { SigningKeyRow } from './licences/entities/signing-key.entity';
import { LicenceIssuer } from './licences/licence-issuer.service';
import { LicenceVerifier } from './licences/licence-verifier.service';
import { LicencesController } from './licences/licences.controller';
import { SharedDataController } from './licences/shared-data.controller';
import { SigningKeys } from './licences/signing-key.service';
import { RegistrationInit1765000000000 } from './migrations/1765000000000-registration-init';
import { StepProvisionalDueDates1766200000000 } from './migrations/1766200000000-step-provisional-due-dates';
import { EnterpriseNameRow } from './names/entities/enterprise-name.entity';
import { NameReviewRow } from './names/entities/name-review.entity';
import { NameRegister } from './names/name-register.service';
import { NameReviewsController } from './names/name-reviews.controller';
import { NameReviews } from './names/name-reviews.service';
import { RegistrationRow } from './registrations/entities/registration.entity';
import { RegistrationLifecycle } from './registrations/registration-lifecycle.service';
import { RegistrationQueries } from './registrations/registration-queries.service';
import { RegistrationSubmission } from './registrations/registration-submission.service';
import { RegistrationsController } from './registrations/registrations.controller';
import { DepartmentSteps } from './saga/department-steps';
import { EscalationChecker } from './saga/escalation-checker.service';
import { FaultInjection } from './saga/fault-injection';
import { Licensing } from './saga/licensing';
import { SagaConsumers } from './saga/saga-consumers';
import { DepartmentStepsController } from './steps/department.controller';
import { DEPARTMENT_ADAPTERS, defaultAdapters, type DepartmentAdapter } from './steps/department-adapters';
import { RegistrationStepRow } from './steps/entities/registration-step.entity';
import { StepTransitions } from './steps/step-transitions';
import { StepWork } from './steps/step-work.service';
import { StepsController } from './steps/steps.controller';
import { UsccIssuedRow } from './uscc/entities/uscc-issued.entity';
import { UsccController } from './uscc/uscc.controller';
import { UsccIssuer } from './uscc/uscc-issuer.service';

export const registrationEntities = [RegistrationRow, RegistrationStepRow, EnterpriseNameRow, NameReviewRow, UsccIssuedRow, LicenceRow, SigningKeyRow];
export const registrationMigrations = [RegistrationInit1765000000000, StepProvisionalDueDates1766200000000];

export interface RegistrationModuleOptions {
  config?: RegistrationConfig;
  /** Department adapters by department; the defaults complete on receipt. Tests put a failing one in. */
  adapters?: Partial<Record<StepDepartment, DepartmentAdapter>>;
}

/**
 * Opening a company in one day (30-registration.md): the one form, the name check, the USCC, the
 * e-licence, the department steps and the saga that drives them over Kafka. Needs PersistenceModule (with
 * officialCalendarEntities and officialCalendarMigrations), MessagingModule (with registrationContracts and
 * calendarContracts) and OfficialCalendarModule (on registrationCalendar) in the root module.
 */
@Module({})
export class RegistrationModule {
  static register(opts: RegistrationModuleOptions = {}): DynamicModule {
    // Read once and shared with the calendar feature's module, so both count on the same time limit.
    let resolved: RegistrationConfig | undefined;
    const config: Provider = { provide: REGISTRATION_CONFIG, useFactory: () => (resolved ??= opts.config ?? registrationConfigFromEnv()) };
    return {
      module: RegistrationModule,
      imports: [RegistrationCalendarModule.register(config)],
      controllers: [RegistrationsController, NameReviewsController, UsccController, LicencesController, SharedDataController, StepsController, DepartmentStepsController],
      providers: [
        config,
        { provide: DEPARTMENT_ADAPTERS, useValue: { ...defaultAdapters, ...opts.adapters } },
        NameRegister, NameReviews, RegistrationSubmission, RegistrationQueries, RegistrationLifecycle,
        UsccIssuer, SigningKeys, LicenceIssuer, LicenceVerifier,
        StepTransitions, StepWork,
        Licensing, DepartmentSteps, SagaConsumers, EscalationChecker, FaultInjection,
      ],
      exports: [EscalationChecker, UsccIssuer, SigningKeys],
    };
  }
}
