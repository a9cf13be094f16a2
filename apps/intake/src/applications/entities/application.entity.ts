import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AdminLevel } from '../../catalogue/catalogue.types';
import type { ApplicationState } from '../domain/application-state';

export type ApplicantType = 'citizen' | 'enterprise';
export type Channel = 'online' | 'window';
export type DecisionOutcome = 'granted' | 'refused';

/**
 * One application (申请/办件). The item version is kept (C2): the application is judged against the
 * guide it was filed under even after the item changes. `version` is the optimistic lock (F6).
 */
@Entity('application')
@Index('application_owner_idempotency', ['applicantSubject', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key is not null',
})
export class ApplicationEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Human-readable, unique (formatCaseNumber): {division}{yyyymmdd}IN{sequence}. */
  @Index({ unique: true }) @Column('text') number!: string;

  @Column('text') itemCode!: string;
  @Column('int') itemVersion!: number;
  @Column('text') itemName!: string;
  @Column('text', { nullable: true }) bundleCode!: string | null;
  /** The applications of one bundle submission (一表申报) share it; each then runs its own course (并行办理). */
  @Column('uuid', { nullable: true }) bundleGroup!: string | null;
  @Column('text') mode!: 'instant' | 'promised';
  @Column('boolean') twoStepReview!: boolean;

  @Column('text') applicantType!: ApplicantType;
  /** Owner key (ownerSubjectOf): `citizen:<user id>`, `enterprise:<uscc>`; window walk-ins without an account: `resident:<id number>`. */
  @Index() @Column('text') applicantSubject!: string;
  @Column('text') applicantName!: string;
  /** Resident ID number or USCC: personal data, masked in responses for anyone but the owner and the deciding department (S6). */
  @Column('text', { nullable: true }) applicantIdNumber!: string | null;
  @Column('text', { nullable: true }) applicantPhone!: string | null;

  @Column('text') channel!: Channel;
  @Column('text', { nullable: true }) receivingOrgUnit!: string | null;
  @Column('text') receivingDivision!: string;
  @Column('text', { nullable: true }) receivingLevel!: AdminLevel | null;
  @Column('text', { nullable: true }) receivedBy!: string | null;

  /** Deciding department and division (接办分离; see routing.ts). */
  @Index() @Column('text') department!: string;
  @Column('text') division!: string;

  @Index() @Column('text') state!: ApplicationState;
  @Column('int') version!: number;
  @Column('jsonb') formData!: Record<string, unknown>;

  @Column('timestamptz') receivedAt!: Date;
  /** The date the 5-working-day intake period runs from: the receipt date, or the date corrected materials came in. */
  @Column('date') intakeClockFrom!: string;
  @Column('date', { nullable: true }) acceptedOn!: string | null;
  @Column('boolean', { default: false }) deemedAccepted!: boolean;
  @Column('boolean', { default: false }) gapAccepted!: boolean;
  @Column('int') promisedLimitDays!: number;
  @Column('int') legalLimitDays!: number;
  @Column('date', { nullable: true }) promisedDue!: string | null;
  @Column('date', { nullable: true }) legalDue!: string | null;
  /** Years without an official holiday notice that the due dates were counted through: provisional until recounted (ADR 0022). */
  @Column('int', { array: true, default: () => "'{}'" }) dueProvisionalYears!: number[];
  @Column('date', { nullable: true }) pausedOn!: string | null;
  @Column('text', { nullable: true }) pausedFor!: string | null;
  @Column('int', { default: 0 }) pausedWorkingDays!: number;
  @Column('int', { default: 0 }) extensionDays!: number;
  @Column('text', { nullable: true }) extensionReason!: string | null;

  @Column('text', { nullable: true }) outcome!: DecisionOutcome | null;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) concludedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @Column('text', { nullable: true }) deliveryMode!: 'window' | 'post' | null;
  @Column('text', { nullable: true }) trackingNumber!: string | null;
  @Column('timestamptz', { nullable: true }) withdrawnAt!: Date | null;
  @Column('text', { nullable: true }) closingReason!: string | null;

  @Column('text', { nullable: true }) idempotencyKey!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
