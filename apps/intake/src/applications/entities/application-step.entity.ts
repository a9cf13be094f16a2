import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One step of an application's timeline (A8 全程知进度, S8 痕迹管理). Append-only and hash-chained
 * per application: hash = sha256(prevHash + canonical(row)), so altering, deleting or reordering any
 * row breaks the chain from there on (verified by StepChain.verify).
 */
@Entity('application_step')
export class ApplicationStepEntity {
  @PrimaryColumn('uuid') applicationId!: string;
  @PrimaryColumn('int') seq!: number;
  @Column('text') action!: string;
  @Column('text', { nullable: true }) fromState!: string | null;
  @Column('text') toState!: string;
  @Column('text') actorType!: string;
  @Column('text') actorId!: string;
  @Column('text', { nullable: true }) actorName!: string | null;
  @Column('text', { nullable: true }) actorRole!: string | null;
  @Column('text', { nullable: true }) actorDepartment!: string | null;
  @Column('text', { nullable: true }) actorOrgUnit!: string | null;
  /** Millisecond precision, stored as text in the chain so the hash does not depend on timestamptz rounding. */
  @Column('timestamptz') at!: Date;
  @Column('text', { nullable: true }) documentId!: string | null;
  @Column('text', { nullable: true }) documentKind!: string | null;
  @Column('text', { nullable: true }) documentNumber!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('jsonb', { nullable: true }) detail!: Record<string, unknown> | null;
  @Column('text') prevHash!: string;
  @Column('text') hash!: string;
}
