import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Principal } from '@onewindow/auth';
import { RegistrationWithdrawn } from '@onewindow/contracts';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { OutboxWriter } from '@onewindow/messaging';
import { DataSource, EntityManager } from 'typeorm';
import type { RegistrationFormDto } from '../form/dto/registration-form.dto';
import { NameRegisterService } from '../names/name-register.service';
import { NameReviewRepository } from '../names/name-review.repository';
import { actorOf } from '../shared/actor';
import { departmentStep, DEPARTMENT_STEPS } from '../steps/departments';
import { RegistrationStepRepository } from '../steps/registration-step.repository';
import { StepTransitionService } from '../steps/step-transition.service';
import type { StepCorrectionDto } from './dto/registration-requests.dto';
import { RegistrationEntity, WITHDRAWABLE } from './entities/registration.entity';
import { accessTo } from './registration-access';
import { WHAT } from './registration-query.service';
import { RegistrationRepository } from './registration.repository';

/** The founder's moves on a running registration: withdrawal (R6) and the correction of one step (R6). */
@Injectable()
export class RegistrationLifecycleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly names: NameRegisterService,
    private readonly transitions: StepTransitionService,
    private readonly registrations: RegistrationRepository,
    private readonly steps: RegistrationStepRepository,
    private readonly reviews: NameReviewRepository,
  ) {}

  private async ownLocked(m: EntityManager, p: Principal, id: string): Promise<RegistrationEntity> {
    const reg = await this.registrations.findForUpdate(m, id);
    if (!reg || accessTo(p, reg, [])?.kind !== 'owner') throw new NotVisibleError(WHAT, id);
    return reg;
  }

  /** Before the licence only: the pending steps are cancelled and the reserved name released. After it: 409. */
  async withdraw(p: Principal, id: string, reason: string, traceId: string): Promise<RegistrationEntity> {
    return this.ds.transaction(async (m) => {
      const reg = await this.ownLocked(m, p, id);
      if (!WITHDRAWABLE.includes(reg.state)) throw new InvalidTransitionError('企业开办申请', reg.state, 'withdraw');
      const now = new Date();
      const cancelled = await this.steps.cancelUnfinished(m, id);
      await this.reviews.cancelOpen(m, id, `申请人撤回 (withdrawn): ${reason}`);
      await this.names.release(m, id);
      Object.assign(reg, { state: 'WITHDRAWN', closedAt: now, closedReason: reason, version: reg.version + 1 });
      await this.registrations.update(m, id, {
        state: 'WITHDRAWN',
        closedAt: now,
        closedReason: reason,
        version: reg.version,
      });
      await this.outbox.add(m, RegistrationWithdrawn, {
        subject: id,
        actor: actorOf(p),
        traceId,
        data: {
          registrationId: id,
          reason,
          withdrawnAt: now.toISOString(),
          cancelledSteps: cancelled.map((c) => c.kind),
        },
      });
      return reg;
    });
  }

  /**
   * The founder corrects the data of one rejected step; only that step is asked again (attempt + 1).
   * The correction must carry that step's section and nothing else.
   */
  async correct(
    p: Principal,
    id: string,
    stepId: string,
    dto: StepCorrectionDto,
    traceId: string,
  ): Promise<RegistrationEntity> {
    return this.ds.transaction(async (m) => {
      const reg = await this.ownLocked(m, p, id);
      const step = await this.steps.findOfRegistrationForUpdate(m, id, stepId);
      if (!step) throw new NotVisibleError('步骤 (step)', stepId);
      const def = departmentStep(step.kind);
      if (!def)
        throw new UnprocessableEntityException({
          message: `步骤 ${step.kind} 不能由申请人更正 (only department steps take corrections)`,
        });
      if (reg.state !== 'DEPARTMENTS') throw new InvalidTransitionError('企业开办申请', reg.state, 'correct');
      if (step.state !== 'REJECTED' && step.state !== 'CORRECTION_REQUESTED')
        throw new InvalidTransitionError('步骤', step.state, 'correct');
      const given = DEPARTMENT_STEPS.map((d) => d.section).filter((s) => dto[s] !== undefined);
      if (given.length !== 1 || given[0] !== def.section) {
        throw new UnprocessableEntityException({
          message: `更正只能包含本步骤的数据 ${def.section} (a correction carries the ${def.section} section only)`,
          details: [
            { field: def.section, problems: ['必填 (required)'] },
            ...given
              .filter((g) => g !== def.section)
              .map((g) => ({ field: g, problems: ["不属于本步骤 (not this step's data)"] })),
          ],
        });
      }
      const section = JSON.parse(JSON.stringify(dto[def.section])) as Record<string, unknown>;
      const form = { ...reg.form, [def.section]: section } as RegistrationFormDto;
      reg.form = form;
      reg.version += 1;
      await this.registrations.update(m, id, { form: form as never, version: reg.version });
      step.data = section;
      step.attempt += 1;
      await this.transitions.request(m, reg, step, actorOf(p), traceId);
      return reg;
    });
  }
}
