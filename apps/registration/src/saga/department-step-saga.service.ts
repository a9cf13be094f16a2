import { Inject, Injectable } from '@nestjs/common';
import {
  RegistrationCompleted,
  RegistrationCorrectionRequested,
  type EventEnvelope,
  type PayloadOf,
  type RegistrationLicenceIssued,
  type RegistrationStepCompleted,
  type RegistrationStepRejected,
  type RegistrationStepRequested,
} from '@onewindow/contracts';
import { OutboxWriter } from '@onewindow/messaging';
import { EntityManager } from 'typeorm';
import { type StepDepartment } from '../config/registration-config';
import { followUpPermitsFor } from '../follow-up/follow-up-permits';
import { oneDayMeasure } from '../registrations/one-day';
import { RegistrationRepository } from '../registrations/registration.repository';
import { SAGA_ACTOR } from '../shared/actor';
import { registrationCalendar } from '../shared/calendar';
import { DEPARTMENT_ADAPTERS, type DepartmentAdapter } from '../steps/department-adapters';
import { DEPARTMENT_STEPS } from '../steps/departments';
import { RegistrationStepRepository } from '../steps/registration-step.repository';
import { StepTransitionService } from '../steps/step-transition.service';
import { stepPayload } from '../steps/step-payload';

const DEPARTMENT_KINDS = DEPARTMENT_STEPS.map((d) => d.kind);

/**
 * Saga steps 3 and 4, and the departments' side of the exchange:
 * - licence-issued: the four department steps are requested at once, in parallel;
 * - step requested (the department receives it): auto steps are done on receipt, manual ones queued;
 * - step completed: when the last of the four is done, the registration is complete;
 * - step rejected: the founder is asked to correct that step only.
 * Each handler checks the state it expects first, so a repeat or a stale event has no effect.
 */
@Injectable()
export class DepartmentStepSagaService {
  constructor(
    private readonly transitions: StepTransitionService,
    private readonly outbox: OutboxWriter,
    private readonly registrations: RegistrationRepository,
    private readonly steps: RegistrationStepRepository,
    @Inject(DEPARTMENT_ADAPTERS) private readonly adapters: Record<StepDepartment, DepartmentAdapter>,
  ) {}

  async onLicenceIssued(
    event: EventEnvelope<PayloadOf<typeof RegistrationLicenceIssued>>,
    m: EntityManager,
  ): Promise<void> {
    const reg = await this.registrations.findForUpdate(m, event.data.registrationId);
    if (!reg || reg.state !== 'LICENSED') return;
    const steps = await this.steps.findWaitingForUpdate(m, reg.id, DEPARTMENT_KINDS);
    const now = new Date();
    for (const step of steps) await this.transitions.request(m, reg, step, SAGA_ACTOR, event.traceId, now);
    reg.version += 1;
    await this.registrations.update(m, reg.id, { state: 'DEPARTMENTS', version: reg.version });
  }

  async onStepRequested(
    event: EventEnvelope<PayloadOf<typeof RegistrationStepRequested>>,
    m: EntityManager,
  ): Promise<void> {
    const step = await this.steps.findForUpdate(m, event.data.stepId);
    if (!step || step.state !== 'REQUESTED' || step.attempt !== event.data.attempt) return;
    if (step.mode === 'manual') {
      step.version += 1;
      await this.steps.update(m, step.id, { state: 'QUEUED', version: step.version });
      return;
    }
    const reg = await this.registrations.get(m, step.registrationId);
    const actor = { type: 'service' as const, id: `auto-${step.department.toLowerCase()}` };
    const outcome = await this.adapters[step.department as StepDepartment].process(
      stepPayload(reg, step),
      step.attempt,
    );
    if (outcome.outcome === 'completed') await this.transitions.complete(m, step, actor, outcome.result, event.traceId);
    else await this.transitions.reject(m, step, actor, outcome.reason, event.traceId);
  }

  async onStepCompleted(
    event: EventEnvelope<PayloadOf<typeof RegistrationStepCompleted>>,
    m: EntityManager,
  ): Promise<void> {
    const reg = await this.registrations.findForUpdate(m, event.data.registrationId);
    if (!reg || reg.state !== 'DEPARTMENTS') return;
    const steps = await this.steps.findOfKinds(m, reg.id, DEPARTMENT_KINDS);
    if (steps.length !== DEPARTMENT_KINDS.length || steps.some((s) => s.state !== 'DONE')) return;
    // Completed when the last department finished, not when this event happened to be read.
    const completedAt = new Date(Math.max(...steps.map((s) => new Date(s.completedAt!).getTime())));
    const measure = oneDayMeasure(reg.submittedAt, completedAt, registrationCalendar);
    reg.version += 1;
    await this.registrations.update(m, reg.id, { state: 'COMPLETED', completedAt, ...measure, version: reg.version });
    await this.outbox.add(m, RegistrationCompleted, {
      subject: reg.id,
      actor: SAGA_ACTOR,
      traceId: event.traceId,
      data: {
        registrationId: reg.id,
        uscc: reg.uscc!,
        enterpriseName: reg.enterpriseName,
        submittedAt: new Date(reg.submittedAt).toISOString(),
        completedAt: completedAt.toISOString(),
        ...measure,
        followUpPermits: followUpPermitsFor(reg.form.businessScope).map((f) => f.itemCode),
      },
    });
  }

  async onStepRejected(
    event: EventEnvelope<PayloadOf<typeof RegistrationStepRejected>>,
    m: EntityManager,
  ): Promise<void> {
    const step = await this.steps.findForUpdate(m, event.data.stepId);
    if (!step || step.state !== 'REJECTED' || step.attempt !== event.data.attempt) return;
    step.version += 1;
    await this.steps.update(m, step.id, { state: 'CORRECTION_REQUESTED', version: step.version });
    await this.outbox.add(m, RegistrationCorrectionRequested, {
      subject: step.registrationId,
      actor: SAGA_ACTOR,
      traceId: event.traceId,
      data: {
        registrationId: step.registrationId,
        stepId: step.id,
        department: step.department as StepDepartment,
        kind: step.kind as never,
        attempt: step.attempt,
        reason: event.data.reason,
      },
    });
  }
}
