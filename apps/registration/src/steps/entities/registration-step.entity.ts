import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DueChange } from '../step-due';

/**
 * One step of a registration, with its department (R7 shows all six). The four department steps:
 *   WAITING ─(licence issued)─► REQUESTED ─► DONE                       (auto, on receipt)
 *                                  └──► QUEUED ─► CLAIMED ─► DONE        (manual: staff or department system)
 *                                                   └──► REJECTED ─► CORRECTION_REQUESTED ─(founder corrects)─► REQUESTED (attempt + 1)
 *   WAITING ─(withdrawn or name rejected)─► CANCELLED
 * name-check: DONE, or REVIEW ─► DONE | REJECTED; licence: WAITING ─► DONE | CANCELLED.
 */
export const STEP_KINDS = ['name-check', 'licence', 'seal', 'tax', 'social-insurance', 'statistics'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export type DepartmentStepKind = Exclude<StepKind, 'name-check' | 'licence'>;
export const STEP_STATES = [
  'WAITING',
  'REVIEW',
  'REQUESTED',
  'QUEUED',
  'CLAIMED',
  'DONE',
  'REJECTED',
  'CORRECTION_REQUESTED',
  'CANCELLED',
] as const;
export type StepState = (typeof STEP_STATES)[number];
/** States in which a department still owes the step (the escalation checker watches these). */
export const OPEN_DEPARTMENT_STATES: readonly StepState[] = ['REQUESTED', 'QUEUED', 'CLAIMED'];

@Entity('registration_step')
export class RegistrationStepEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') registrationId!: string;
  @Column('text') kind!: StepKind;
  @Column('text') department!: string;
  /** manual / auto for department steps, fixed when the step is requested; null for the market-regulation steps. */
  @Column('text', { nullable: true }) mode!: 'manual' | 'auto' | null;
  @Column('text') state!: StepState;
  @Column('int') attempt!: number;
  /** The data this step's department receives (its section of the form). */
  @Column('jsonb', { nullable: true }) data!: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) result!: Record<string, unknown> | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('text', { nullable: true }) claimedBy!: string | null;
  @Column('timestamptz', { nullable: true }) claimedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) requestedAt!: Date | null;
  @Column('date', { nullable: true }) dueOn!: string | null;
  /** Years without an official holiday notice that dueOn was counted through; empty: the date is final. */
  @Column('int', { array: true, default: () => "'{}'" }) dueProvisionalYears!: number[];
  /** The time limit dueOn was counted on, so a recount uses it; null for steps requested before it was kept. */
  @Column('int', { nullable: true }) limitWorkingDays!: number | null;
  /** Every recount of dueOn after a holiday notice was published, oldest first. */
  @Column('jsonb', { default: () => "'[]'" }) dueHistory!: DueChange[];
  @Column('timestamptz', { nullable: true }) completedAt!: Date | null;
  @Column('text', { nullable: true }) completedBy!: string | null;
  @Column('timestamptz', { nullable: true }) escalatedAt!: Date | null;
  @Column('int') version!: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
