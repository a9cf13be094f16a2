import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RegistrationFormDto } from '../../form/dto/registration-form.dto';

/**
 * The registration aggregate:
 *   NAME_REVIEW ─► LICENSING ─► LICENSED ─► DEPARTMENTS ─► COMPLETED
 *        │              │
 *        ▼              ▼
 *   NAME_REJECTED    WITHDRAWN (before the licence only)
 * A name passing the rules goes straight to LICENSING; the saga moves it on from there.
 */
export const REGISTRATION_STATES = [
  'NAME_REVIEW',
  'LICENSING',
  'LICENSED',
  'DEPARTMENTS',
  'COMPLETED',
  'NAME_REJECTED',
  'WITHDRAWN',
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
/** States in which the founder may still withdraw (no licence yet). */
export const WITHDRAWABLE: readonly RegistrationState[] = ['NAME_REVIEW', 'LICENSING'];

@Entity('registration')
export class RegistrationEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Human-readable: {authority division}{yyyymmdd}QY{sequence}. */
  @Column('text') number!: string;
  /** ownerSubjectOf(principal): `citizen:<sub>` or `enterprise:<uscc>`. */
  @Column('text') ownerSubject!: string;
  @Column('text') applicantType!: 'citizen' | 'enterprise';
  @Column('text') applicantName!: string;
  @Column('text') authorityCode!: string;
  /** The authority's division: positions 3-8 of the USCC. */
  @Column('text') division!: string;
  @Column('text') domicileDivision!: string;
  @Column('text') state!: RegistrationState;
  @Column('text') enterpriseName!: string;
  @Column('text') tradeName!: string;
  @Column('text') industry!: string;
  @Column('text') organisationForm!: string;
  @Column('text') enterpriseType!: string;
  @Column('text', { nullable: true }) nameDecidedBy!: 'rules' | 'reviewer' | 'self-declared' | null;
  @Column('jsonb') form!: RegistrationFormDto;
  /** SHA-256 of the canonical form: the same form twice without a key is a duplicate (409). */
  @Column('text') formHash!: string;
  @Column('text', { nullable: true }) idempotencyKey!: string | null;
  @Column('text', { nullable: true }) uscc!: string | null;
  @Column('text', { nullable: true }) licenceNumber!: string | null;
  @Column('timestamptz') submittedAt!: Date;
  @Column('timestamptz', { nullable: true }) licensedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) completedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  @Column('text', { nullable: true }) closedReason!: string | null;
  /** Working days in (submission date, completion date]; 0 or 1 keeps the one-working-day promise (R7). */
  @Column('int', { nullable: true }) workingDaysTaken!: number | null;
  @Column('boolean', { nullable: true }) withinOneWorkingDay!: boolean | null;
  @Column('int') version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
