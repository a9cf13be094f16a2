import { Column, Entity, PrimaryColumn } from 'typeorm';
import { fenTransformer } from './fen-column';

/** A payment confirmation from the bank channel. The bank holds the money; we hold the record. */
@Entity('fee_payment')
export class FeePaymentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') noticeId!: string;
  /** The bank's transaction id: unique, and the idempotency key of a confirmation. */
  @Column('text') bankTxnId!: string;
  @Column('bigint', { transformer: fenTransformer }) amountFen!: number;
  @Column('timestamptz') paidAt!: Date;
  /** Client id of the bank channel (system principal) that confirmed it. */
  @Column('text') channel!: string;
  @Column('timestamptz') recordedAt!: Date;
}
