import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FeePaymentEntity } from './entities/fee-payment.entity';

/** The queries of the recorded payments (`fee_payment`). */
@Injectable()
export class FeePaymentRepository {
  byBankTxnId(m: EntityManager, bankTxnId: string): Promise<FeePaymentEntity | null> {
    return m.findOne(FeePaymentEntity, { where: { bankTxnId } });
  }

  async insert(m: EntityManager, payment: FeePaymentEntity): Promise<void> {
    await m.insert(FeePaymentEntity, payment);
  }
}
