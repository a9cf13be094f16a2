import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canSeeDivision, type StaffPrincipal } from '@onewindow/auth';
import { RegistrationNameApproved, RegistrationNameRejected } from '@onewindow/contracts';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { OutboxWriter } from '@onewindow/messaging';
import { DataSource } from 'typeorm';
import { RegistrationRow } from '../registrations/entities/registration.entity';
import { actorLabel, actorOf } from '../shared/actor';
import { MARKET_REGULATION_DEPARTMENTS } from '../steps/departments';
import type { NameDecisionDto } from './dto/name-review.dto';
import { NameReviewRow } from './entities/name-review.entity';
import { NameRegister } from './name-register.service';

/** The reviewers' queue of names the rules could not decide (R2), and their decisions. */
@Injectable()
export class NameReviews {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly outbox: OutboxWriter, private readonly names: NameRegister) {}

  private assertRegulator(p: StaffPrincipal): void {
    if (!MARKET_REGULATION_DEPARTMENTS.includes(p.department ?? '')) {
      throw new ForbiddenException({ message: '仅市场监管（登记机关）人员可审查名称 (only market-regulation staff review names)' });
    }
  }

  async list(p: StaffPrincipal, state: NameReviewRow['state'] = 'OPEN'): Promise<NameReviewRow[]> {
    this.assertRegulator(p);
    const rows = await this.ds.getRepository(NameReviewRow).find({ where: { state }, order: { createdAt: 'ASC' }, take: 500 });
    return rows.filter((r) => canSeeDivision(p, r.division));
  }

  async decide(p: StaffPrincipal, id: string, dto: NameDecisionDto, traceId: string): Promise<NameReviewRow> {
    this.assertRegulator(p);
    return this.ds.transaction(async (m) => {
      const review = await m.findOne(NameReviewRow, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!review || !canSeeDivision(p, review.division)) throw new NotVisibleError('名称审查 (name review)', id);
      if (review.state !== 'OPEN') throw new InvalidTransitionError('名称审查', review.state, dto.decision);
      const reg = await m.findOneOrFail(RegistrationRow, { where: { id: review.registrationId }, lock: { mode: 'pessimistic_write' } });
      if (reg.state !== 'NAME_REVIEW') throw new InvalidTransitionError('企业开办申请', reg.state, dto.decision);
      const now = new Date();
      const actor = actorOf(p);
      Object.assign(review, { state: dto.decision === 'approve' ? 'APPROVED' : 'REJECTED', decidedBy: actorLabel(actor), decidedAt: now, decisionReason: dto.reason, version: review.version + 1 });
      await m.update(NameReviewRow, { id }, { state: review.state, decidedBy: review.decidedBy, decidedAt: now, decisionReason: dto.reason, version: review.version });
      if (dto.decision === 'approve') {
        await m.update(RegistrationRow, { id: reg.id }, { state: 'LICENSING', nameDecidedBy: 'reviewer', version: reg.version + 1 });
        await m.query(
          `update registration_step set state = 'DONE', completed_at = $2, completed_by = $3, result = $4, version = version + 1, updated_at = now() where registration_id = $1 and kind = 'name-check'`,
          [reg.id, now, review.decidedBy, JSON.stringify({ enterpriseName: reg.enterpriseName, decidedBy: 'reviewer', reviewId: id, reason: dto.reason })],
        );
        await this.outbox.add(m, RegistrationNameApproved, {
          subject: reg.id, actor, traceId,
          data: { registrationId: reg.id, enterpriseName: reg.enterpriseName, tradeName: reg.tradeName, industry: reg.industry, organisationForm: reg.organisationForm, decidedBy: 'reviewer', reviewId: id },
        });
      } else {
        await m.update(RegistrationRow, { id: reg.id }, { state: 'NAME_REJECTED', closedAt: now, closedReason: dto.reason, version: reg.version + 1 });
        await m.query(`update registration_step set state = 'REJECTED', reason = $2, completed_by = $3, version = version + 1, updated_at = now() where registration_id = $1 and kind = 'name-check'`, [reg.id, dto.reason, review.decidedBy]);
        await m.query(`update registration_step set state = 'CANCELLED', version = version + 1, updated_at = now() where registration_id = $1 and state = 'WAITING'`, [reg.id]);
        await this.names.release(m, reg.id);
        await this.outbox.add(m, RegistrationNameRejected, { subject: reg.id, actor, traceId, data: { registrationId: reg.id, reviewId: id, enterpriseName: reg.enterpriseName, reason: dto.reason } });
      }
      return review;
    });
  }
}
