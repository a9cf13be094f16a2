import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canSeeDivision, Principal, Roles, StaffPrincipal, SystemPrincipal } from '@onewindow/auth';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { DataSource, EntityManager } from 'typeorm';
import { clockOf } from '../applications/application-access';
import { ApplicationLifecycleService } from '../applications/application-lifecycle.service';
import { ApplicationRepository } from '../applications/application.repository';
import { actorOf, StepActor } from '../applications/domain/actor';
import type { DecisionDto } from '../applications/dto/application.dto';
import { ApplicationEntity } from '../applications/entities/application.entity';
import type { ExtendDto, PauseDto, ReviewDto, TaskViewDto } from './dto/task.dto';
import { TaskEntity, TaskState } from './entities/task.entity';
import { TaskRepository } from './task.repository';

const WHAT = '任务';

/**
 * The department's back office (A6, 接办分离, 一审一核). A task is visible only to its department,
 * within the caller's division (city staff the whole city, district staff their district): anyone
 * else gets 404. Each operation changes the task (optimistic lock) and the application (its state
 * machine, timeline and event) in one transaction.
 */
@Injectable()
export class TaskService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly applications: ApplicationRepository,
    private readonly taskRows: TaskRepository,
  ) {}

  async queue(p: StaffPrincipal | SystemPrincipal, state?: TaskState): Promise<TaskViewDto[]> {
    if (!p.department) return [];
    const tasks = (await this.taskRows.queueQuery(p, state).getMany()).filter(
      (t) => p.type === 'system' || canSeeDivision(p, t.division),
    );
    const apps = tasks.length ? await this.applications.byIds(tasks.map((t) => t.applicationId)) : [];
    const byId = new Map(apps.map((a) => [a.id, a]));
    return tasks.map((t) => toTaskView(t, byId.get(t.applicationId)!));
  }

  async get(p: Principal, id: string): Promise<TaskViewDto> {
    const task = await this.visible(p, id);
    const app = (await this.applications.find(task.applicationId))!;
    return toTaskView(task, app);
  }

  async claim(p: StaffPrincipal, id: string, traceId?: string): Promise<TaskViewDto> {
    return this.inTask(p, id, async (m, task, app) => {
      if (task.state !== 'OPEN') throw new InvalidTransitionError(WHAT, task.state, 'claim');
      const a = await this.lifecycle.startReviewIn(m, app, actorOf(p, roleOf(p)), task.id, traceId);
      return [await this.updateTask(m, task, { state: 'CLAIMED', assignee: p.sub, claimedAt: new Date() }), a];
    });
  }

  /** 一审: the reviewer's opinion; the task then waits for an approver. Only where the item asks for two steps. */
  async review(p: StaffPrincipal, id: string, dto: ReviewDto, traceId?: string): Promise<TaskViewDto> {
    return this.inTask(p, id, async (m, task, app) => {
      if (!task.twoStepReview)
        throw new InvalidTransitionError(WHAT, task.state, 'review (single-step item: decide directly)');
      if (task.state !== 'CLAIMED') throw new InvalidTransitionError(WHAT, task.state, 'review');
      this.assertHandler(p, task);
      const a = await this.lifecycle.reviewedIn(
        m,
        app,
        actorOf(p, Roles.reviewer),
        task.id,
        dto.recommendation,
        dto.opinion,
        traceId,
      );
      return [
        await this.updateTask(m, task, {
          state: 'REVIEWED',
          reviewedBy: p.sub,
          reviewOpinion: dto.opinion,
          recommendation: dto.recommendation,
        }),
        a,
      ];
    });
  }

  /**
   * The decision. Single-step items: the reviewer who claimed it, or an approver. Two-step items (一审一核):
   * an approver, after the review, and not the same person who reviewed.
   */
  async decide(p: StaffPrincipal, id: string, dto: DecisionDto, traceId?: string): Promise<TaskViewDto> {
    return this.inTask(p, id, async (m, task, app) => {
      if (task.twoStepReview) {
        if (!p.roles.includes(Roles.approver))
          throw new ForbiddenException({ message: '一审一核事项须由审批人决定 (two-step item: an approver decides)' });
        if (task.state !== 'REVIEWED') throw new InvalidTransitionError(WHAT, task.state, 'decide (review first)');
        if (task.reviewedBy === p.sub)
          throw new ForbiddenException({ message: '审核与审批须由不同人员 (the reviewer cannot also approve)' });
      } else if (task.state === 'CLAIMED' && !p.roles.includes(Roles.approver)) {
        this.assertHandler(p, task);
      }
      const a = await this.lifecycle.decideIn(
        m,
        app,
        actorOf(p, p.roles.includes(Roles.approver) ? Roles.approver : Roles.reviewer),
        app.department,
        dto,
        task.id,
        traceId,
      );
      return [await this.updateTask(m, task, { state: 'DONE', decidedBy: p.sub, outcome: dto.outcome }), a];
    });
  }

  async pause(p: StaffPrincipal, id: string, dto: PauseDto, traceId?: string): Promise<TaskViewDto> {
    return this.inTask(p, id, async (m, task, app) => {
      this.assertActive(task, 'pause');
      return [task, await this.lifecycle.pauseIn(m, app, actorOf(p, roleOf(p)), dto.procedure, dto.note, traceId)];
    });
  }

  async resume(p: StaffPrincipal, id: string, note: string | undefined, traceId?: string): Promise<TaskViewDto> {
    return this.inTask(p, id, async (m, task, app) => {
      this.assertActive(task, 'resume');
      return [task, await this.lifecycle.resumeIn(m, app, actorOf(p, roleOf(p)), note, traceId)];
    });
  }

  /** 延期: the caller is the approver (the route requires the role); the reason is shown to the applicant. */
  async extend(p: StaffPrincipal, id: string, dto: ExtendDto, traceId?: string): Promise<TaskViewDto> {
    return this.inTask(p, id, async (m, task, app) => {
      this.assertActive(task, 'extend');
      return [task, await this.lifecycle.extendIn(m, app, actorOf(p, Roles.approver), dto.days, dto.reason, traceId)];
    });
  }

  /**
   * A department system decides through the exchange API: the system is the department's own review
   * workflow, so an unclaimed task is claimed and decided in one transaction (both steps recorded).
   */
  async decideBySystem(p: SystemPrincipal, taskId: string, dto: DecisionDto, traceId?: string): Promise<TaskViewDto> {
    return this.inTask(p, taskId, async (m, task, app) => {
      const actor: StepActor = actorOf(p);
      let a = app;
      let t = task;
      if (t.state === 'OPEN') {
        a = await this.lifecycle.startReviewIn(m, a, actor, t.id, traceId);
        t = await this.updateTask(m, t, { state: 'CLAIMED', assignee: p.sub, claimedAt: new Date() });
      }
      if (t.state !== 'CLAIMED' && t.state !== 'REVIEWED') throw new InvalidTransitionError(WHAT, t.state, 'decide');
      a = await this.lifecycle.decideIn(m, a, actor, app.department, dto, t.id, traceId);
      return [await this.updateTask(m, t, { state: 'DONE', decidedBy: p.sub, outcome: dto.outcome }), a];
    });
  }

  private async inTask(
    p: Principal,
    id: string,
    fn: (m: EntityManager, task: TaskEntity, app: ApplicationEntity) => Promise<[TaskEntity, ApplicationEntity]>,
  ): Promise<TaskViewDto> {
    return this.ds.transaction(async (m) => {
      const task = await this.visible(p, id, m);
      const app = (await this.applications.find(task.applicationId, m))!;
      const [t, a] = await fn(m, task, app);
      return toTaskView(t, a);
    });
  }

  private async visible(p: Principal, id: string, m?: EntityManager): Promise<TaskEntity> {
    const task = await this.taskRows.find(id, m);
    const ok =
      task &&
      (p.type === 'system'
        ? p.department === task.department
        : p.type === 'staff' && p.department === task.department && canSeeDivision(p, task.division));
    if (!ok) throw new NotVisibleError(WHAT, id);
    return task;
  }

  private async updateTask(m: EntityManager, task: TaskEntity, changes: Partial<TaskEntity>): Promise<TaskEntity> {
    const version = await this.taskRows.updateVersioned(m, task, changes);
    return Object.assign(new TaskEntity(), task, changes, { version });
  }

  /** Only the reviewer who claimed a task works on it (approvers may step in). */
  private assertHandler(p: StaffPrincipal, task: TaskEntity): void {
    if (task.assignee !== p.sub && !p.roles.includes(Roles.approver)) {
      throw new ForbiddenException({
        message: '该任务已由他人认领 (task claimed by someone else)',
        details: { assignee: task.assignee },
      });
    }
  }

  private assertActive(task: TaskEntity, attempted: string): void {
    if (task.state !== 'CLAIMED' && task.state !== 'REVIEWED')
      throw new InvalidTransitionError(WHAT, task.state, attempted);
  }
}

function roleOf(p: StaffPrincipal): string {
  return p.roles.includes(Roles.reviewer)
    ? Roles.reviewer
    : p.roles.includes(Roles.approver)
      ? Roles.approver
      : p.roles[0];
}

export function toTaskView(t: TaskEntity, app: ApplicationEntity): TaskViewDto {
  return {
    id: t.id,
    applicationId: t.applicationId,
    applicationNumber: t.applicationNumber,
    item: { code: t.itemCode, version: t.itemVersion, name: t.itemName },
    department: t.department,
    division: t.division,
    state: t.state,
    applicationState: app.state,
    twoStepReview: t.twoStepReview,
    assignee: t.assignee,
    claimedAt: t.claimedAt?.toISOString() ?? null,
    reviewedBy: t.reviewedBy,
    reviewOpinion: t.reviewOpinion,
    recommendation: t.recommendation,
    decidedBy: t.decidedBy,
    outcome: t.outcome,
    clock: clockOf(app),
    createdAt: t.createdAt?.toISOString() ?? new Date().toISOString(),
    version: t.version,
  };
}
