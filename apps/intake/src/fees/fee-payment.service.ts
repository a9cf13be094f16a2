import { FeePaid } from '@onewindow/contracts';
import { ConflictException, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import type { SystemPrincipal } from '@onewindow/auth';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { OutboxWriter } from '@onewindow/messaging';
import { newId } from '@onewindow/contracts';
import { DataSource } from 'typeorm';
import type { FeeNoticeEntity } from './entities/fee-notice.entity';
import type { FeePaymentEntity } from './entities/fee-payment.entity';
import { FeeNoticeRepository } from './fee-notice.repository';
import { NOTICE } from './fee-notice.service';
import { FeePaymentRepository } from './fee-payment.repository';

export interface PaymentConfirmation {
  noticeNumber: string;
  amountFen: number;
  bankTxnId: string;
  paidAt: Date;
}

export interface ConfirmationResult {
  /** true: this bankTxnId was recorded before; nothing was written this time. */
  replayed: boolean;
  notice: FeeNoticeEntity;
  payment: FeePaymentEntity;
}

/**
 * Payment confirmations from the bank channel (票款分离: the bank collects, the platform records).
 * Idempotent by the bank's transaction id, so a channel that retries after a timeout cannot pay twice.
 */
@Injectable()
export class FeePaymentService {
  private readonly logger = new Logger('fees');

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly notices: FeeNoticeRepository,
    private readonly payments: FeePaymentRepository,
  ) {}

  async confirm(channel: SystemPrincipal, c: PaymentConfirmation): Promise<ConfirmationResult> {
    return this.ds.transaction(async (m) => {
      // Lock the notice first: two confirmations for one notice (the same retry twice, or two
      // different payments) are decided one after the other, never both against "issued".
      const notice = await this.notices.lock(m, { number: c.noticeNumber });
      if (!notice) throw new NotVisibleError(NOTICE, c.noticeNumber);

      const earlier = await this.payments.byBankTxnId(m, c.bankTxnId);
      if (earlier) {
        if (earlier.noticeId === notice.id && earlier.amountFen === c.amountFen)
          return { replayed: true, notice, payment: earlier };
        throw new ConflictException({
          message: `银行流水号 ${c.bankTxnId} 已用于另一笔缴费 (bank transaction id already recorded with different data)`,
          details: { bankTxnId: c.bankTxnId },
        });
      }
      if (notice.status !== 'issued') throw new InvalidTransitionError(NOTICE, notice.status, 'pay');
      if (c.amountFen !== notice.totalFen) {
        this.logger.warn(
          { noticeNumber: notice.number, expectedFen: notice.totalFen, receivedFen: c.amountFen, channel: channel.sub },
          'payment amount does not match the notice',
        );
        throw new UnprocessableEntityException({
          message: `缴费金额 ${c.amountFen} 分与通知金额 ${notice.totalFen} 分不符 (amount does not match the notice total)`,
          details: { expectedFen: notice.totalFen, receivedFen: c.amountFen },
        });
      }

      const payment: FeePaymentEntity = {
        id: newId(),
        noticeId: notice.id,
        bankTxnId: c.bankTxnId,
        amountFen: c.amountFen,
        paidAt: c.paidAt,
        channel: channel.sub,
        recordedAt: new Date(),
      };
      await this.payments.insert(m, payment);
      await this.notices.update(m, notice.id, { status: 'paid', paidAt: c.paidAt, version: notice.version + 1 });
      await this.outbox.add(m, FeePaid, {
        subject: notice.applicationId,
        actor: { type: 'system', id: channel.sub },
        data: {
          noticeId: notice.id,
          noticeNumber: notice.number,
          applicationId: notice.applicationId,
          amountFen: c.amountFen,
          bankTxnId: c.bankTxnId,
          paidAt: c.paidAt.toISOString(),
        },
      });
      return {
        replayed: false,
        notice: { ...notice, status: 'paid', paidAt: c.paidAt, version: notice.version + 1 },
        payment,
      };
    });
  }
}
