import { provisionalFieldsOf } from '@onewindow/calendar';
import { Inject, Injectable } from '@nestjs/common';
import {
  RegistrationStepCompleted,
  RegistrationStepRejected,
  RegistrationStepRequested,
  type Actor,
  type PayloadOf,
} from '@onewindow/contracts';
import { OutboxWriter } from '@onewindow/messaging';
import { EntityManager } from 'typeorm';
import { REGISTRATION_CONFIG, type RegistrationConfig, type StepDepartment } from '../config/registration-config';
import type { RegistrationEntity } from '../registrations/entities/registration.entity';
import { actorLabel } from '../shared/actor';
import { registrationCalendar } from '../shared/calendar';
import type { RegistrationStepEntity } from './entities/registration-step.entity';
import { RegistrationStepRepository } from './registration-step.repository';
import { stepDue, type StepDue } from './step-due';
import { stepPayload } from './step-payload';

/**
 * The writes every way of moving a department step goes through (the saga, department staff, department
 * systems, the auto adapters), so each move is one update and its one event, in the caller's transaction.
 */
@Injectable()
export class StepTransitionService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly steps: RegistrationStepRepository,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  /** The due date of a step requested at `now`, on the configured time limit, and whether it is provisional. */
  due(now: Date): StepDue {
    return stepDue(registrationCalendar, now, this.config.stepLimitWorkingDays);
  }

  /** Sends a step to its department: the mode is fixed now, from the configuration of the day. */
  async request(
    m: EntityManager,
    reg: RegistrationEntity,
    step: RegistrationStepEntity,
    actor: Actor,
    traceId: string | undefined,
    now = new Date(),
  ): Promise<void> {
    step.mode = this.config.stepModes[step.department as StepDepartment];
    step.state = 'REQUESTED';
    step.requestedAt = now;
    const due = this.due(now);
    step.dueOn = due.dueOn;
    // Kept with the date so the correction recounts it the same way once a missing notice is published.
    step.dueProvisionalYears = due.provisionalYears;
    step.limitWorkingDays = this.config.stepLimitWorkingDays;
    step.escalatedAt = null;
    step.claimedBy = null;
    step.claimedAt = null;
    step.reason = null;
    step.version += 1;
    await this.steps.update(m, step.id, {
      mode: step.mode,
      state: step.state,
      attempt: step.attempt,
      data: step.data as never,
      requestedAt: now,
      dueOn: step.dueOn,
      dueProvisionalYears: step.dueProvisionalYears,
      limitWorkingDays: step.limitWorkingDays,
      escalatedAt: null,
      claimedBy: null,
      claimedAt: null,
      reason: null,
      result: null,
      version: step.version,
    });
    await this.outbox.add(m, RegistrationStepRequested, {
      subject: step.registrationId,
      actor,
      traceId,
      data: {
        ...stepCoreOf(step),
        registrationId: reg.id,
        mode: step.mode,
        dueOn: step.dueOn,
        ...provisionalFieldsOf(step.dueProvisionalYears),
        uscc: reg.uscc!,
        enterpriseName: reg.enterpriseName,
        data: stepPayload(reg, step),
      },
    });
  }

  async complete(
    m: EntityManager,
    step: RegistrationStepEntity,
    actor: Actor,
    result: Record<string, unknown>,
    traceId: string | undefined,
    now = new Date(),
  ): Promise<void> {
    step.state = 'DONE';
    step.result = result;
    step.completedAt = now;
    step.completedBy = actorLabel(actor);
    step.version += 1;
    await this.steps.update(m, step.id, {
      state: 'DONE',
      result: result as never,
      completedAt: now,
      completedBy: step.completedBy,
      version: step.version,
    });
    await this.outbox.add(m, RegistrationStepCompleted, {
      subject: step.registrationId,
      actor,
      traceId,
      data: { ...stepCoreOf(step), completedBy: step.completedBy, completedAt: now.toISOString(), result },
    });
  }

  async reject(
    m: EntityManager,
    step: RegistrationStepEntity,
    actor: Actor,
    reason: string,
    traceId: string | undefined,
    now = new Date(),
  ): Promise<void> {
    step.state = 'REJECTED';
    step.reason = reason;
    step.version += 1;
    await this.steps.update(m, step.id, { state: 'REJECTED', reason, version: step.version });
    await this.outbox.add(m, RegistrationStepRejected, {
      subject: step.registrationId,
      actor,
      traceId,
      data: { ...stepCoreOf(step), rejectedBy: actorLabel(actor), rejectedAt: now.toISOString(), reason },
    });
  }
}

type StepCore = Pick<
  PayloadOf<typeof RegistrationStepCompleted>,
  'stepId' | 'registrationId' | 'department' | 'kind' | 'attempt'
>;

/** What every step event says about its step; the row's text columns hold only the values the contract allows (checked on write). */
export function stepCoreOf(step: RegistrationStepEntity): StepCore {
  return {
    stepId: step.id,
    registrationId: step.registrationId,
    department: step.department as StepCore['department'],
    kind: step.kind as StepCore['kind'],
    attempt: step.attempt,
  };
}
