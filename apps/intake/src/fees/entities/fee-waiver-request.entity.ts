import { Column, Entity, PrimaryColumn } from 'typeorm';

export type WaiverStatus = 'pending' | 'approved' | 'rejected';

/** A request to waive a fee notice (减免): made by one staff member, decided by another (四眼原则). */
@Entity('fee_waiver_request')
export class FeeWaiverRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') noticeId!: string;
  @Column('text') reason!: string;
  @Column('text') requestedBy!: string;
  @Column('text') requestedByName!: string;
  @Column('timestamptz') requestedAt!: Date;
  @Column('text') status!: WaiverStatus;
  @Column('text', { nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
  @Column('text', { nullable: true }) decisionNote!: string | null;
}
