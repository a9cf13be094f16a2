import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canSeeDivision, type StaffPrincipal } from '@onewindow/auth';
import { RegistrationNameApproved, RegistrationNameRejected } from '@onewindow/contracts';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { OutboxWriter } from '@onewindow/messaging';
import { DataSource } from 'typeorm';
import { RegistrationRepository } from '../registrations/registration.repository';
import { actorLabel, actorOf } from '../shared/actor';
import { MARKET_REGULATION_DEPARTMENTS } from '../steps/departments';
import { RegistrationStepRepository } from '../steps/registration-step.repository';
import type { NameDecisionDto } from './dto/name-review.dto';
import { NameReviewEntity } from './entities/name-review.entity';
import { NameRegisterService } from './name-register.service';
import { NameReviewRepository } from './name-review.repository';

/** The reviewers' queue of names the rules could not decide (R2), and their decisions. */
@Injectable()
export class NameReviewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly names: NameRegisterService,
    private readonly reviews: NameReviewRepository,
    private readonly registrations: RegistrationRepository,
    private readonly steps: RegistrationStepRepository,
  ) {}

  private assertRegulator(p: StaffPrincipal): void {
    if (!MARKET_REGULATION_DEPARTMENTS.includes(p.department ?? '')) {
      throw new ForbiddenException({
        message: '仅市场监管（登记机关）人员可审查名称 (only market-regulation staff review names)',
      });
    }
  }

  async list(p: StaffPrincipal, state: NameReviewEntity['state'] = 'OPEN'): Promise<NameReviewEntity[]> {
    this.assertRegulator(p);
    const rows = await this.reviews.findByState(state);
    return rows.filter((r) => canSeeDivision(p, r.division));
  }

  async decide(p: StaffPrincipal, id: string, dto: NameDecisionDto, traceId: string): Promise<NameReviewEntity> {
    this.assertRegulator(p);
    return this.ds.transaction(async (m) => {
      const review = await this.reviews.findForUpdate(m, id);
      if (!review || !canSeeDivision(p, review.division)) throw new NotVisibleError('名称审查 (name review)', id);
      if (review.state !== 'OPEN') throw new InvalidTransitionError('名称审查', review.state, dto.decision);
      const reg = await this.registrations.getForUpdate(m, review.registrationId);
      if (reg.state !== 'NAME_REVIEW') throw new InvalidTransitionError('企业开办申请', reg.state, dto.decision);
      const now = new Date();
      const actor = actorOf(p);
      Object.assign(review, {
        state: dto.decision === 'approve' ? 'APPROVED' : 'REJECTED',
        decidedBy: actorLabel(actor),
        decidedAt: now,
        decisionReason: dto.reason,
        version: review.version + 1,
      });
      await this.reviews.update(m, id, {
        state: review.state,
        decidedBy: review.decidedBy,
        decidedAt: now,
        decisionReason: dto.reason,
        version: review.version,
      });
      if (dto.decision === 'approve') {
        await this.registrations.update(m, reg.id, {
          state: 'LICENSING',
          nameDecidedBy: 'reviewer',
          version: reg.version + 1,
        });
        await this.steps.completeNameCheck(m, reg.id, now, review.decidedBy, {
          enterpriseName: reg.enterpriseName,
          decidedBy: 'reviewer',
          reviewId: id,
          reason: dto.reason,
        });
        await this.outbox.add(m, RegistrationNameApproved, {
          subject: reg.id,
          actor,
          traceId,
          data: {
            registrationId: reg.id,
            enterpriseName: reg.enterpriseName,
            tradeName: reg.tradeName,
            industry: reg.industry,
            organisationForm: reg.organisationForm,
            decidedBy: 'reviewer',
            reviewId: id,
          },
        });
      } else {
        await this.registrations.update(m, reg.id, {
          state: 'NAME_REJECTED',
          closedAt: now,
          closedReason: dto.reason,
          version: reg.version + 1,
        });
        await this.steps.rejectNameCheck(m, reg.id, dto.reason, review.decidedBy);
        await this.steps.cancelWaiting(m, reg.id);
        await this.names.release(m, reg.id);
        await this.outbox.add(m, RegistrationNameRejected, {
          subject: reg.id,
          actor,
          traceId,
          data: { registrationId: reg.id, reviewId: id, enterpriseName: reg.enterpriseName, reason: dto.reason },
        });
      }
      return review;
    });
  }
}
