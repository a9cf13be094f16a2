import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  RegistrationLicenceIssued,
  RegistrationNameApproved,
  RegistrationStepCompleted,
  RegistrationStepRejected,
  RegistrationStepRequested,
  Topics,
} from '@onewindow/contracts';
import { ConsumerHost, on } from '@onewindow/messaging';
import { DepartmentStepSagaService } from './department-step-saga.service';
import { LicensingSagaService } from './licensing-saga.service';

/**
 * The saga runs on the inbox consumers (R6): every handler applies its effect in the transaction that
 * records the event, so it is idempotent (a repeat is skipped) and resumable (after a crash the
 * uncommitted events come again and the committed ones are not applied twice).
 * - `registration-saga`: the registration's own progress;
 * - `registration-departments`: the departments' receipt of their step requests (auto steps run here;
 *   a department that keeps failing is dead-lettered by the inbox, and the other steps go on).
 */
@Injectable()
export class SagaConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly licensing: LicensingSagaService,
    private readonly steps: DepartmentStepSagaService,
  ) {}

  onModuleInit(): void {
    this.host.register({
      name: 'registration-saga',
      topics: [Topics.registrationEnterprise, Topics.registrationStep],
      handlers: [
        on(RegistrationNameApproved, (e, m) => this.licensing.onNameApproved(e, m)),
        on(RegistrationLicenceIssued, (e, m) => this.steps.onLicenceIssued(e, m)),
        on(RegistrationStepCompleted, (e, m) => this.steps.onStepCompleted(e, m)),
        on(RegistrationStepRejected, (e, m) => this.steps.onStepRejected(e, m)),
      ],
    });
    this.host.register({
      name: 'registration-departments',
      topics: [Topics.registrationStep],
      handlers: [on(RegistrationStepRequested, (e, m) => this.steps.onStepRequested(e, m))],
    });
  }
}
