import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { fenTransformer } from './fen-column';

export type FeeNoticeStatus = 'issued' | 'paid' | 'waived';

export interface FeeLine {
  name: string;
  amountFen: number;
  legalBasis: string;
}

/** A fee notice (缴费通知书): what the applicant owes and the reference to pay it with at the bank. */
@Entity('fee_notice')
export class FeeNoticeEntity {
  @PrimaryColumn('uuid') id!: string;
  /** 'JF' + issue date + sequence; printed on the notice and quoted by the bank. */
  @Column('text') number!: string;
  /** 20 digits with a Luhn check digit, typed at a bank counter (缴款码). */
  @Column('text') paymentReference!: string;
  @Column('uuid') applicationId!: string;
  @Column('text') applicationNumber!: string;
  /** ownerSubjectOf(applicant): the only applicant who may read it. */
  @Column('text') applicantSubject!: string;
  @Column('text', { nullable: true }) applicantName!: string | null;
  @Column('text') itemCode!: string;
  @Column('int') itemVersion!: number;
  @Column('jsonb') lines!: FeeLine[];
  @Column('bigint', { transformer: fenTransformer }) totalFen!: number;
  @Column('text') status!: FeeNoticeStatus;
  @Column('text') issuer!: string;
  @Column('text') issuedBy!: string;
  @Column('timestamptz') issuedAt!: Date;
  @Column('date', { nullable: true }) payBy!: string | null;
  @Column('uuid') documentId!: string;
  @Column('timestamptz', { nullable: true }) paidAt!: Date | null;
  @Column('timestamptz', { nullable: true }) waivedAt!: Date | null;
  @VersionColumn() version!: number;
}
