import { ConflictException, Injectable } from '@nestjs/common';
import { isOwner, ownerSubjectOf, type Principal } from '@onewindow/auth';
import { toIsoDate } from '@onewindow/calendar';
import { FeeNoticeIssued, type Actor } from '@onewindow/contracts';
import { NotVisibleError } from '@onewindow/http';
import { OutboxWriter } from '@onewindow/messaging';
import { newId } from '@onewindow/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentIssuer } from '../documents/documents.types';
import { CatalogueLookupService } from './catalogue-lookup.service';
import { FeeNoticeEntity } from './entities/fee-notice.entity';
import { FeeNoticeRepository } from './fee-notice.repository';
import { feeLinesOf } from './fee-lines';
import { feeNoticeNumber, paymentReference } from './payment-reference';

export interface CreateFeeNoticeInput {
  applicationId: string;
  applicationNumber: string;
  /** ownerSubjectOf(applicant). */
  applicantSubject: string;
  applicantName?: string;
  itemCode: string;
  itemVersion: number;
  /** Issuing centre name, printed on the notice. */
  issuer: string;
  /** Optional last day to pay (ISO date). */
  payBy?: string;
  actor: Actor;
}

export const NOTICE = '缴费通知';

/** Fee notices (A12): generated from the item version's fee items; the bank collects, we record. */
@Injectable()
export class FeeNoticeService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalogue: CatalogueLookupService,
    private readonly documents: DocumentIssuer,
    private readonly outbox: OutboxWriter,
    private readonly notices: FeeNoticeRepository,
  ) {}

  /**
   * Creates the notice, its 缴费通知书 document and the notice-issued event in the caller's
   * transaction (the applications feature may call this inside its own transition).
   */
  async createNotice(manager: EntityManager, input: CreateFeeNoticeInput): Promise<FeeNoticeEntity> {
    const item = await this.catalogue.get().version(input.itemCode, input.itemVersion);
    const { lines, totalFen } = feeLinesOf(item);
    const existing = await this.notices.forApplicationAndItem(manager, input.applicationId, input.itemCode);
    if (existing) {
      throw new ConflictException({
        message: `该申请的此事项已开具缴费通知 ${existing.number} (a fee notice already exists)`,
        details: { noticeId: existing.id, noticeNumber: existing.number },
      });
    }
    const seq = await this.notices.nextSeq(manager);
    const issuedAt = new Date();
    const day = toIsoDate(issuedAt);
    const number = feeNoticeNumber(day, seq);
    const reference = paymentReference(day, seq);
    const doc = await this.documents.issue(manager, {
      kind: 'fee-notice',
      applicationId: input.applicationId,
      applicationNumber: input.applicationNumber,
      issuer: input.issuer,
      fields: {
        applicantSubject: input.applicantSubject,
        ...(input.applicantName ? { applicantName: input.applicantName } : {}),
        itemCode: item.itemCode,
        itemName: item.definition.name,
        noticeNumber: number,
        paymentReference: reference,
        lines,
        totalFen,
        ...(input.payBy ? { payBy: input.payBy } : {}),
      },
    });
    const notice: FeeNoticeEntity = {
      id: newId(),
      number,
      paymentReference: reference,
      applicationId: input.applicationId,
      applicationNumber: input.applicationNumber,
      applicantSubject: input.applicantSubject,
      applicantName: input.applicantName ?? null,
      itemCode: item.itemCode,
      itemVersion: item.version,
      lines,
      totalFen,
      status: 'issued',
      issuer: input.issuer,
      issuedBy: `${input.actor.type}:${input.actor.id}`,
      issuedAt,
      payBy: input.payBy ?? null,
      documentId: doc.id,
      paidAt: null,
      waivedAt: null,
      version: 1,
    };
    await this.notices.insert(manager, notice);
    await this.outbox.add(manager, FeeNoticeIssued, {
      subject: input.applicationId,
      actor: input.actor,
      data: {
        noticeId: notice.id,
        noticeNumber: number,
        paymentReference: reference,
        applicationId: input.applicationId,
        applicationNumber: input.applicationNumber,
        itemCode: item.itemCode,
        itemVersion: item.version,
        lines,
        totalFen,
        documentId: doc.id,
        issuedAt: issuedAt.toISOString(),
      },
    });
    return notice;
  }

  /** Creates a notice in its own transaction (the HTTP route). */
  async create(input: CreateFeeNoticeInput): Promise<FeeNoticeEntity> {
    return this.ds.transaction((m) => this.createNotice(m, input));
  }

  /** The applicant it was issued to, or staff; anyone else 404 (S1). */
  async findVisible(p: Principal, id: string, manager?: EntityManager): Promise<FeeNoticeEntity> {
    const notice = await this.notices.find(id, manager);
    if (!notice || !(p.type === 'staff' || isOwner(p, notice.applicantSubject))) throw new NotVisibleError(NOTICE, id);
    return notice;
  }

  /** The notices of an application; an applicant sees only their own (another's application: empty list). */
  async list(p: Principal, applicationId: string): Promise<FeeNoticeEntity[]> {
    if (p.type === 'staff') return this.notices.ofApplication(applicationId);
    const owner = ownerSubjectOf(p);
    if (!owner) return [];
    return this.notices.ofApplication(applicationId, owner);
  }

  /** For the applications feature: the notices of an application, inside its transaction. */
  async ofApplication(manager: EntityManager, applicationId: string): Promise<FeeNoticeEntity[]> {
    return this.notices.allOfApplication(manager, applicationId);
  }
}
