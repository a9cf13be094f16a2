import { Module } from '@nestjs/common';
import { DepartmentStepsController } from './department-steps.controller';
import { RegistrationStepEntity } from './entities/registration-step.entity';
import { StepProvisionalDueDates1766200000000 } from './migrations/1766200000000-step-provisional-due-dates';
import { RegistrationStepRepository } from './registration-step.repository';
import { StepTransitionService } from './step-transition.service';
import { StepWorkService } from './step-work.service';
import { StepsController } from './steps.controller';

export const stepEntities = [RegistrationStepEntity];
/** The table itself is created by the registrations feature's init migration. */
export const stepMigrations = [StepProvisionalDueDates1766200000000];

/**
 * The department steps (R5, R6): the transitions every mover goes through, and the departments' queues
 * for their staff and, on the exchange API, their systems. RegistrationRepository comes from the global
 * RegistrationsModule; DEPARTMENT_ADAPTERS and REGISTRATION_CONFIG from RegistrationConfigModule.
 */
@Module({
  controllers: [StepsController, DepartmentStepsController],
  providers: [RegistrationStepRepository, StepTransitionService, StepWorkService],
  exports: [RegistrationStepRepository, StepTransitionService],
})
export class StepsModule {}
