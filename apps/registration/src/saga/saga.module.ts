import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { LicencesModule } from '../licences/licences.module';
import { NamesModule } from '../names/names.module';
import { StepsModule } from '../steps/steps.module';
import { UsccModule } from '../uscc/uscc.module';
import { DepartmentStepSagaService } from './department-step-saga.service';
import { EscalationCheckerService } from './escalation-checker.service';
import { FaultInjectionService } from './fault-injection.service';
import { LicensingSagaService } from './licensing-saga.service';
import { SagaConsumer } from './saga.consumer';

/** The saga keeps no tables of its own: it moves those of the features it drives. */
export const sagaEntities: (new () => unknown)[] = [];
export const sagaMigrations: (new () => MigrationInterface)[] = [];

/**
 * The saga (R6) that carries a registration from the approved name to completion over Kafka: the
 * USCC and the licence, the four department steps in parallel, completion; and the escalation of steps
 * past their time limit. RegistrationRepository comes from the global RegistrationsModule.
 */
@Module({
  imports: [StepsModule, NamesModule, UsccModule, LicencesModule],
  providers: [
    LicensingSagaService,
    DepartmentStepSagaService,
    SagaConsumer,
    EscalationCheckerService,
    FaultInjectionService,
  ],
  exports: [EscalationCheckerService],
})
export class SagaModule {}
