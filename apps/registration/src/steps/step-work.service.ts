import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  assertActsForDepartment,
  assertDepartment,
  canSeeDivision,
  hasScope,
  type Principal,
  type StaffPrincipal,
  type SystemPrincipal,
} from '@onewindow/auth';
import { ForbiddenException } from '@nestjs/common';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { DataSource, EntityManager } from 'typeorm';
import type { StepDepartment } from '../config/registration-config';
import type { RegistrationEntity } from '../registrations/entities/registration.entity';
import { RegistrationRepository } from '../registrations/registration.repository';
import { actorLabel, actorOf } from '../shared/actor';
import { DEPARTMENT_ADAPTERS, type DepartmentAdapter } from './department-adapters';
import { departmentStep } from './departments';
import type { CompleteStepDto, QueuedStepViewDto, StepResultDto } from './dto/step.dto';
import type { RegistrationStepEntity, StepState } from './entities/registration-step.entity';
import { RegistrationStepRepository } from './registration-step.repository';
import { dueView } from './step-due';
import { stepPayload } from './step-payload';
import { StepTransitionService } from './step-transition.service';

const WHAT = '部门办理步骤 (department step)';
const OPEN_QUEUE: StepState[] = ['QUEUED', 'CLAIMED'];

/** System scopes of the exchange API (as the gateway grants them to department clients). */
export const StepScopes = { read: 'tasks:read', decide: 'tasks:decide' } as const;

/**
 * Manual department steps (R5): a queue per department for its staff (claim, then complete or reject)
 * and for its system through the exchange API (complete or reject directly). Another department's step
 * is not visible (404); acting for another department is forbidden (403).
 */
@Injectable()
export class StepWorkService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly transitions: StepTransitionService,
    private readonly steps: RegistrationStepRepository,
    private readonly registrations: RegistrationRepository,
    @Inject(DEPARTMENT_ADAPTERS) private readonly adapters: Record<StepDepartment, DepartmentAdapter>,
  ) {}

  async queue(p: StaffPrincipal | SystemPrincipal, department: string, state?: string): Promise<QueuedStepViewDto[]> {
    assertActsForDepartment(p, department);
    if (p.type === 'system') requireScope(p, StepScopes.read);
    const steps = await this.steps.findQueue(department, state ? (state as StepState) : OPEN_QUEUE);
    const regs = steps.length
      ? await this.registrations.findByIds([...new Set(steps.map((s) => s.registrationId))])
      : [];
    const byId = new Map(regs.map((r) => [r.id, r]));
    return steps
      .filter(
        (s) =>
          departmentStep(s.kind) &&
          (p.type === 'system' || canSeeDivision(p, byId.get(s.registrationId)!.domicileDivision)),
      )
      .map((s) => this.view(s, byId.get(s.registrationId)!));
  }

  async claim(p: StaffPrincipal, id: string): Promise<QueuedStepViewDto> {
    return this.ds.transaction(async (m) => {
      const { step, reg } = await this.locked(m, p, id);
      if (step.state !== 'QUEUED') throw new InvalidTransitionError('步骤', step.state, 'claim');
      step.version += 1;
      Object.assign(step, { state: 'CLAIMED', claimedBy: actorLabel(actorOf(p)), claimedAt: new Date() });
      await this.steps.update(m, id, {
        state: 'CLAIMED',
        claimedBy: step.claimedBy,
        claimedAt: step.claimedAt,
        version: step.version,
      });
      return this.view(step, reg);
    });
  }

  /** Staff complete a step they claimed; a department system completes from the queue. */
  async complete(
    p: StaffPrincipal | SystemPrincipal,
    id: string,
    dto: CompleteStepDto,
    traceId: string,
  ): Promise<QueuedStepViewDto> {
    return this.ds.transaction(async (m) => {
      const { step, reg } = await this.locked(m, p, id);
      this.assertMayFinish(p, step, 'complete');
      const base = await this.adapters[step.department as StepDepartment].process(stepPayload(reg, step), step.attempt);
      const result = {
        ...(base.outcome === 'completed' ? base.result : {}),
        ...(dto.reference ? { reference: dto.reference } : {}),
        ...(dto.note ? { note: dto.note } : {}),
        handledBy: actorLabel(actorOf(p)),
      };
      await this.transitions.complete(m, step, actorOf(p), result, traceId);
      return this.view(step, reg);
    });
  }

  async reject(
    p: StaffPrincipal | SystemPrincipal,
    id: string,
    reason: string,
    traceId: string,
  ): Promise<QueuedStepViewDto> {
    return this.ds.transaction(async (m) => {
      const { step, reg } = await this.locked(m, p, id);
      this.assertMayFinish(p, step, 'reject');
      await this.transitions.reject(m, step, actorOf(p), reason, traceId);
      return this.view(step, reg);
    });
  }

  /** The exchange API's one route for a department system's result. */
  async systemResult(p: SystemPrincipal, id: string, dto: StepResultDto, traceId: string): Promise<QueuedStepViewDto> {
    requireScope(p, StepScopes.decide);
    return dto.outcome === 'completed' ? this.complete(p, id, dto, traceId) : this.reject(p, id, dto.reason!, traceId);
  }

  private assertMayFinish(p: Principal, step: RegistrationStepEntity, attempted: string): void {
    const ok =
      p.type === 'system'
        ? OPEN_QUEUE.includes(step.state)
        : step.state === 'CLAIMED' && step.claimedBy === actorLabel(actorOf(p));
    if (!ok) {
      if (step.state === 'CLAIMED' && p.type === 'staff') {
        throw new InvalidTransitionError('步骤（已由他人认领） (claimed by someone else)', step.state, attempted);
      }
      throw new InvalidTransitionError('步骤', step.state, attempted);
    }
  }

  private async locked(
    m: EntityManager,
    p: Principal,
    id: string,
  ): Promise<{ step: RegistrationStepEntity; reg: RegistrationEntity }> {
    const step = await this.steps.findForUpdate(m, id);
    if (!step || !departmentStep(step.kind)) throw new NotVisibleError(WHAT, id);
    assertDepartment(p, step.department, WHAT, id);
    const reg = await this.registrations.get(m, step.registrationId);
    if (p.type === 'staff' && !canSeeDivision(p, reg.domicileDivision)) throw new NotVisibleError(WHAT, id);
    if (p.type === 'system') requireScope(p, StepScopes.read);
    return { step, reg };
  }

  private view(s: RegistrationStepEntity, reg: RegistrationEntity): QueuedStepViewDto {
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: s.id,
      registrationId: s.registrationId,
      registrationNumber: reg.number,
      enterpriseName: reg.enterpriseName,
      uscc: reg.uscc,
      kind: s.kind,
      department: s.department,
      state: s.state,
      mode: s.mode,
      attempt: s.attempt,
      requestedAt: iso(s.requestedAt),
      ...dueView(s),
      claimedBy: s.claimedBy,
      reason: s.reason,
      escalatedAt: iso(s.escalatedAt),
      data: reg.uscc && reg.licensedAt ? (stepPayload(reg, s) as Record<string, unknown>) : { ...(s.data ?? {}) },
      result: s.result,
    };
  }
}

function requireScope(p: SystemPrincipal, scope: string): void {
  if (!hasScope(p, scope))
    throw new ForbiddenException({
      message: `未获授权 (forbidden: the client lacks the scope "${scope}")`,
      details: { requiredScope: scope },
    });
}
