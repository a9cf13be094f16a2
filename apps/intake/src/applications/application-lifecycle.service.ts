import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isOwner, Principal, Roles, StaffPrincipal } from '@onewindow/auth';
import { todayInShanghai, provisionalFieldsOf } from '@onewindow/calendar';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { newId } from '@onewindow/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogueReader, SpecialProcedure } from '../catalogue/catalogue.types';
import { dueFields, extendLegalDue, pausedWorkingDays, provisionalYearsOf, shiftForPause } from '../deadlines/clock';
import { intakeCalendar } from '../deadlines/intake-calendar';
import { assertClerkOf, canSee, isClerkOf, isDecidingStaff } from './application-access';
import { ApplicationDecisionService } from './application-decision.service';
import {
  PayloadTooLargeError,
  RuleRefusedError,
  UnknownMaterialError,
  UnsupportedFileTypeError,
} from './application-errors';
import { ApplicationRepository } from './application.repository';
import { ApplicationMaterialRepository } from './application-material.repository';
import { ApplicationStepService, StepRequest } from './application-step.service';
import { actorOf, StepActor } from './domain/actor';
import { assertStateIn } from './domain/application-state';
import { COMMITMENT_MATERIAL } from './domain/material-check';
import type { DecisionDto, DeliverDto } from './dto/application.dto';
import { ApplicationEntity } from './entities/application.entity';
import { ApplicationFileEntity } from './entities/application-file.entity';
import { contentMatches, DEFAULT_FILE_TYPES, MAX_MATERIAL_BYTES } from './material-files';

/**
 * The rest of the life (A6–A10): review, pause/resume, extension, decision, conclusion, delivery,
 * withdrawal, material uploads. The back office (tasks) calls the `…In` methods inside its own
 * transaction, so the task's change and the application's step commit together.
 */
@Injectable()
export class ApplicationLifecycleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly steps: ApplicationStepService,
    private readonly decisions: ApplicationDecisionService,
    private readonly applications: ApplicationRepository,
    private readonly materialRows: ApplicationMaterialRepository,
  ) {}

  // ---- applicant ----

  async withdraw(p: Principal, id: string, reason: string, traceId?: string): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      if (!app || !isOwner(p, app.applicantSubject)) throw new NotVisibleError('申请', id);
      const now = new Date();
      return this.steps.apply(m, app, {
        action: 'withdraw',
        actor: actorOf(p),
        note: reason,
        traceId,
        changes: { withdrawnAt: now, closingReason: reason },
        event: { name: 'withdrawn', data: { reason, fromState: app.state } },
      });
    });
  }

  /**
   * A material file (A1, A2, A4): type and size checked (415, 413), stored in Postgres with its hash.
   * Before acceptance any material may be handed in; after a gap acceptance, only the promised ones.
   */
  async upload(
    p: Principal,
    id: string,
    code: string,
    contentType: string,
    data: Buffer | undefined,
    traceId?: string,
  ): Promise<ApplicationFileEntity> {
    if (!data || data.length === 0) throw new BadRequestException({ message: '文件为空 (empty file)' });
    if (data.length > MAX_MATERIAL_BYTES) throw new PayloadTooLargeError(MAX_MATERIAL_BYTES);
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      const allowed =
        app &&
        ((p.type === 'staff' && isClerkOf(p, app)) ||
          ((p.type === 'citizen' || p.type === 'enterprise') && isOwner(p, app.applicantSubject)));
      if (!allowed) throw new NotVisibleError('申请', id);
      const item = await this.catalogue.version(app.itemCode, app.itemVersion);
      const req = item.definition.materials.find((x) => x.code === code);
      if (!req && code !== COMMITMENT_MATERIAL) throw new UnknownMaterialError([code]);
      const types = req?.fileTypes?.length ? req.fileTypes : DEFAULT_FILE_TYPES;
      if (!types.includes(contentType) || !contentMatches(contentType, data))
        throw new UnsupportedFileTypeError(contentType, types);
      const row = await this.materialRows.findOne(m, id, code);
      const beforeAcceptance = app.state === 'RECEIVED' || app.state === 'CORRECTION_REQUESTED';
      const promisedAfter = ['ACCEPTED', 'IN_REVIEW', 'PAUSED'].includes(app.state) && row?.status === 'promised';
      if (!beforeAcceptance && !promisedAfter) throw new InvalidTransitionError('申请', app.state, 'upload-material');
      const file = Object.assign(new ApplicationFileEntity(), {
        id: newId(),
        applicationId: id,
        materialCode: code,
        contentType,
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        data,
        uploadedBy: `${p.type}:${p.sub}`,
      });
      await this.materialRows.insertFile(m, file);
      const now = new Date();
      if (row) {
        await this.materialRows.update(m, id, code, {
          status: 'provided',
          fileId: file.id,
          problem: null,
          providedAt: now,
        });
      } else {
        await this.materialRows.insert(m, {
          applicationId: id,
          materialCode: code,
          name: '信用承诺书 (signed commitment)',
          requirement: 'primary',
          status: 'provided',
          fileId: file.id,
          eLicenceRef: null,
          problem: null,
          dueOn: null,
          remindedAt: null,
          overdueReportedAt: null,
          providedAt: now,
        });
      }
      await this.steps.apply(m, app, {
        action: promisedAfter ? 'secondary-material-provided' : 'material-uploaded',
        actor: actorOf(p, p.type === 'staff' ? Roles.windowClerk : undefined),
        traceId,
        detail: {
          materialCode: code,
          fileId: file.id,
          sha256: file.sha256,
          size: file.size,
          contentType,
          ...(promisedAfter ? { dueOn: row!.dueOn } : {}),
        },
      });
      return file;
    });
  }

  // ---- conclusion and delivery (A9) ----

  async conclude(p: Principal, id: string, traceId?: string): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      if (!app || !(isDecidingStaff(p, app) || (p.type === 'staff' && isClerkOf(p, app))))
        throw new NotVisibleError('申请', id);
      return this.decisions.concludeIn(m, app, actorOf(p), traceId);
    });
  }

  async deliver(p: StaffPrincipal, id: string, dto: DeliverDto, traceId?: string): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      assertClerkOf(p, app, id);
      if (dto.mode === 'post' && !dto.trackingNumber)
        throw new BadRequestException({
          message: '邮寄送达须填写运单号 (post: trackingNumber required)',
          details: [{ field: 'trackingNumber', problems: ['required for post'] }],
        });
      const item = await this.catalogue.version(app.itemCode, app.itemVersion);
      if (app.state === 'CONCLUDED' && !item.definition.deliveryModes.includes(dto.mode)) {
        throw new RuleRefusedError(
          `该事项不支持此送达方式 (delivery mode not offered: ${item.definition.deliveryModes.join(', ')})`,
        );
      }
      const now = new Date();
      return this.steps.apply(m, app, {
        action: 'deliver',
        actor: actorOf(p, Roles.windowClerk),
        traceId,
        changes: { deliveredAt: now, deliveryMode: dto.mode, trackingNumber: dto.trackingNumber ?? null },
        detail: { mode: dto.mode, trackingNumber: dto.trackingNumber ?? null },
        event: {
          name: 'delivered',
          data: { mode: dto.mode, trackingNumber: dto.trackingNumber ?? null, deliveredOn: todayInShanghai(now) },
        },
      });
    });
  }

  // ---- back office (A6, A7), inside the task's transaction ----

  /** The timeline step and event of a new department task (written by the task consumer in its own statement). */
  taskAssignedStep(app: ApplicationEntity, taskId: string): StepRequest {
    return {
      action: 'task-assigned',
      actor: { type: 'system', id: 'intake-tasks', name: '系统分派 (routing)' },
      detail: { taskId, department: app.department, division: app.division },
      event: {
        name: 'task-assigned',
        data: {
          taskId,
          twoStepReview: app.twoStepReview,
          ...dueFields({
            promisedDue: app.promisedDue!,
            legalDue: app.legalDue!,
            dueProvisionalYears: app.dueProvisionalYears ?? [],
          }),
        },
      },
    };
  }

  async startReviewIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    taskId: string,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    return this.steps.apply(m, app, {
      action: 'start-review',
      actor,
      traceId,
      detail: { taskId },
      event: { name: 'claimed', data: { taskId, claimedBy: actor.id } },
    });
  }

  async reviewedIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    taskId: string,
    recommendation: 'granted' | 'refused',
    opinion: string,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    assertStateIn(app.state, ['IN_REVIEW'], 'review');
    return this.steps.apply(m, app, {
      action: 'review',
      actor,
      note: opinion,
      traceId,
      detail: { taskId, recommendation },
      event: { name: 'reviewed', data: { taskId, reviewedBy: actor.id, recommendation } },
    });
  }

  async decideIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    issuer: string,
    dto: DecisionDto,
    taskId: string,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    return this.decisions.decideIn(m, app, actor, issuer, dto, traceId, taskId);
  }

  async pauseIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    procedure: SpecialProcedure,
    note: string | undefined,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    const item = await this.catalogue.version(app.itemCode, app.itemVersion);
    if (!item.definition.specialProcedures.includes(procedure)) {
      throw new RuleRefusedError(`该事项没有特别程序 ${procedure} (the item has no such special procedure)`, {
        allowed: item.definition.specialProcedures,
      });
    }
    const pausedOn = todayInShanghai();
    return this.steps.apply(m, app, {
      action: 'pause',
      actor,
      note: note ?? null,
      traceId,
      changes: { pausedOn, pausedFor: procedure },
      detail: { procedure, pausedOn },
      event: { name: 'paused', data: { procedure, pausedOn } },
    });
  }

  async resumeIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    note: string | undefined,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    assertStateIn(app.state, ['PAUSED'], 'resume');
    const resumedOn = todayInShanghai();
    const days = pausedWorkingDays(intakeCalendar, app.pausedOn!, resumedOn);
    const due = shiftForPause(
      intakeCalendar,
      app.acceptedOn!,
      { promisedDue: app.promisedDue!, legalDue: app.legalDue!, dueProvisionalYears: app.dueProvisionalYears },
      days,
    );
    const total = app.pausedWorkingDays + days;
    return this.steps.apply(m, app, {
      action: 'resume',
      actor,
      note: note ?? null,
      traceId,
      changes: { pausedOn: null, pausedFor: null, pausedWorkingDays: total, ...due },
      detail: {
        resumedOn,
        pausedFrom: app.pausedOn,
        procedure: app.pausedFor,
        pausedWorkingDays: days,
        ...dueFields(due),
      },
      event: {
        name: 'resumed',
        data: { resumedOn, pausedWorkingDays: days, totalPausedWorkingDays: total, ...dueFields(due) },
      },
    });
  }

  /** 延期 (A7): legal limit + days (≤ 10 in total), approved by an approver, with a reason the applicant sees. */
  async extendIn(
    m: EntityManager,
    app: ApplicationEntity,
    approver: StepActor,
    days: number,
    reason: string,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    assertStateIn(app.state, ['IN_REVIEW', 'PAUSED'], 'extend');
    let legalDue: string;
    try {
      legalDue = extendLegalDue(intakeCalendar, app.legalDue!, days, app.extensionDays);
    } catch (e) {
      throw new RuleRefusedError((e as Error).message, { alreadyExtended: app.extensionDays, requested: days });
    }
    const dueProvisionalYears = [
      ...new Set([...app.dueProvisionalYears, ...provisionalYearsOf(intakeCalendar, app.acceptedOn!, [legalDue])]),
    ].sort((a, b) => a - b);
    const due = { promisedDue: app.promisedDue!, legalDue, dueProvisionalYears };
    return this.steps.apply(m, app, {
      action: 'extend',
      actor: approver,
      note: reason,
      traceId,
      changes: { legalDue, dueProvisionalYears, extensionDays: app.extensionDays + days, extensionReason: reason },
      detail: { days, legalDue, previousLegalDue: app.legalDue, ...provisionalFieldsOf(dueProvisionalYears) },
      event: { name: 'extended', data: { days, reason, approvedBy: approver.id, ...dueFields(due) } },
    });
  }

  canSee(p: Principal, app: ApplicationEntity): boolean {
    return canSee(p, app);
  }
}
