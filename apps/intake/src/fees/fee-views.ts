import type { FeeNoticeViewDto, WaiverRequestViewDto } from './dto/fee.dto';
import type { FeeNoticeEntity } from './entities/fee-notice.entity';
import type { FeeWaiverRequestEntity } from './entities/fee-waiver-request.entity';

export function noticeView(n: FeeNoticeEntity): FeeNoticeViewDto {
  return {
    id: n.id,
    number: n.number,
    paymentReference: n.paymentReference,
    applicationId: n.applicationId,
    applicationNumber: n.applicationNumber,
    itemCode: n.itemCode,
    itemVersion: n.itemVersion,
    lines: n.lines,
    totalFen: n.totalFen,
    status: n.status,
    issuer: n.issuer,
    issuedAt: n.issuedAt.toISOString(),
    payBy: n.payBy,
    paidAt: n.paidAt ? n.paidAt.toISOString() : null,
    waivedAt: n.waivedAt ? n.waivedAt.toISOString() : null,
    documentId: n.documentId,
  };
}

export function waiverView(w: FeeWaiverRequestEntity): WaiverRequestViewDto {
  return {
    id: w.id,
    noticeId: w.noticeId,
    reason: w.reason,
    requestedBy: w.requestedBy,
    requestedAt: w.requestedAt.toISOString(),
    status: w.status,
    decidedBy: w.decidedBy,
    decidedAt: w.decidedAt ? w.decidedAt.toISOString() : null,
    decisionNote: w.decisionNote,
  };
}
