import { z } from 'zod';
import { isoInstant } from '../formats';
import { defineEvent } from '../registry';
import { Topics } from '../topics';

/*
 * Fee events of intake (A12, 票款分离). They travel on the application's topic with
 * subject = applicationId, so a fee event is ordered with the application's own events (a consumer
 * never sees "paid" before the acceptance it belongs to). Amounts are integers in fen.
 */

const feeLine = z
  .object({ name: z.string().min(1), amountFen: z.number().int().nonnegative(), legalBasis: z.string().min(1) })
  .strict();
const isoDateTime = isoInstant;

export const FeeNoticeIssued = defineEvent({
  type: 'intake.fee.notice-issued',
  topic: Topics.intakeApplication,
  description: "A fee notice (缴费通知书) was issued for an application from its item version's fee items.",
  schema: z
    .object({
      noticeId: z.string().uuid(),
      noticeNumber: z.string().min(1),
      paymentReference: z.string().min(1),
      applicationId: z.string().uuid(),
      applicationNumber: z.string().min(1),
      itemCode: z.string().min(1),
      itemVersion: z.number().int().positive(),
      lines: z.array(feeLine).min(1),
      totalFen: z.number().int().positive(),
      documentId: z.string().uuid(),
      issuedAt: isoDateTime,
    })
    .strict(),
});

export const FeePaid = defineEvent({
  type: 'intake.fee.paid',
  topic: Topics.intakeApplication,
  description: 'The bank channel confirmed payment of a fee notice (the platform never holds the money).',
  schema: z
    .object({
      noticeId: z.string().uuid(),
      noticeNumber: z.string().min(1),
      applicationId: z.string().uuid(),
      amountFen: z.number().int().positive(),
      bankTxnId: z.string().min(1),
      paidAt: isoDateTime,
    })
    .strict(),
});

export const FeeWaived = defineEvent({
  type: 'intake.fee.waived',
  topic: Topics.intakeApplication,
  description: 'A fee waiver requested by one staff member was approved by another; the notice needs no payment.',
  schema: z
    .object({
      noticeId: z.string().uuid(),
      noticeNumber: z.string().min(1),
      applicationId: z.string().uuid(),
      totalFen: z.number().int().positive(),
      waiverRequestId: z.string().uuid(),
      reason: z.string().min(1),
      requestedBy: z.string().min(1),
      approvedBy: z.string().min(1),
      waivedAt: isoDateTime,
    })
    .strict(),
});

/** To be merged into intakeContracts (libs/contracts/src/events/intake-application.ts) by the lead. */
export const intakeFeeContracts = [FeeNoticeIssued, FeePaid, FeeWaived];
