import { FeeWaived } from '@onewindow/contracts';
import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '@onewindow/auth';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { OutboxWriter } from '@onewindow/messaging';
import { newId } from '@onewindow/contracts';
import { DataSource } from 'typeorm';
import type { FeeNoticeEntity } from './entities/fee-notice.entity';
import type { FeeWaiverRequestEntity } from './entities/fee-waiver-request.entity';
import { FeeNoticeRepository } from './fee-notice.repository';
import { NOTICE } from './fee-notice.service';
import { FeeWaiverRepository } from './fee-waiver.repository';

const REQUEST = '减免申请';

/** Fee waivers (减免): a clerk asks, a different approver decides (A12: "a waiver needs approval"). */
@Injectable()
export class FeeWaiverService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly notices: FeeNoticeRepository,
    private readonly waivers: FeeWaiverRepository,
  ) {}

  async request(clerk: StaffPrincipal, noticeId: string, reason: string): Promise<FeeWaiverRequestEntity> {
    return this.ds.transaction(async (m) => {
      const notice = await this.notices.lock(m, { id: noticeId });
      if (!notice) throw new NotVisibleError(NOTICE, noticeId);
      if (notice.status !== 'issued') throw new InvalidTransitionError(NOTICE, notice.status, 'request-waiver');
      const pending = await this.waivers.pendingFor(m, noticeId);
      if (pending)
        throw new ConflictException({
          message: '该缴费通知已有待审批的减免申请 (a waiver request is already pending)',
          details: { waiverRequestId: pending.id },
        });
      const req: FeeWaiverRequestEntity = {
        id: newId(),
        noticeId,
        reason,
        requestedBy: clerk.sub,
        requestedByName: clerk.name,
        requestedAt: new Date(),
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      };
      await this.waivers.insert(m, req);
      return req;
    });
  }

  async find(id: string): Promise<FeeWaiverRequestEntity> {
    const req = await this.waivers.find(id);
    if (!req) throw new NotVisibleError(REQUEST, id);
    return req;
  }

  /** Approve (the notice becomes waived, event emitted) or reject; never by the person who asked. */
  async decide(
    approver: StaffPrincipal,
    id: string,
    approve: boolean,
    note?: string,
  ): Promise<{ request: FeeWaiverRequestEntity; notice: FeeNoticeEntity }> {
    return this.ds.transaction(async (m) => {
      const req = await this.waivers.lock(m, id);
      if (!req) throw new NotVisibleError(REQUEST, id);
      if (req.requestedBy === approver.sub) {
        throw new ForbiddenException({
          message: '不能审批本人提出的减免申请 (forbidden: a waiver cannot be decided by its requester)',
        });
      }
      if (req.status !== 'pending')
        throw new InvalidTransitionError(REQUEST, req.status, approve ? 'approve' : 'reject');
      const notice = await this.notices.lockExisting(m, req.noticeId);
      const now = new Date();
      const decided: FeeWaiverRequestEntity = {
        ...req,
        status: approve ? 'approved' : 'rejected',
        decidedBy: approver.sub,
        decidedAt: now,
        decisionNote: note ?? null,
      };
      if (!approve) {
        await this.waivers.update(m, id, {
          status: decided.status,
          decidedBy: decided.decidedBy,
          decidedAt: now,
          decisionNote: decided.decisionNote,
        });
        return { request: decided, notice };
      }
      // Paid in the meantime: the waiver is moot and the payment stands.
      if (notice.status !== 'issued') throw new InvalidTransitionError(NOTICE, notice.status, 'waive');
      await this.waivers.update(m, id, {
        status: decided.status,
        decidedBy: decided.decidedBy,
        decidedAt: now,
        decisionNote: decided.decisionNote,
      });
      await this.notices.update(m, notice.id, { status: 'waived', waivedAt: now, version: notice.version + 1 });
      await this.outbox.add(m, FeeWaived, {
        subject: notice.applicationId,
        actor: { type: 'staff', id: approver.sub },
        data: {
          noticeId: notice.id,
          noticeNumber: notice.number,
          applicationId: notice.applicationId,
          totalFen: notice.totalFen,
          waiverRequestId: req.id,
          reason: req.reason,
          requestedBy: req.requestedBy,
          approvedBy: approver.sub,
          waivedAt: now.toISOString(),
        },
      });
      return { request: decided, notice: { ...notice, status: 'waived', waivedAt: now, version: notice.version + 1 } };
    });
  }
}
