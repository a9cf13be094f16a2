import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A deciding department's work item for one accepted application (A6, 接办分离).
 * OPEN (in the queue) → CLAIMED (a reviewer has it) → [REVIEWED (一审 done, waits for an approver)] → DONE;
 * CANCELLED when the applicant withdraws.
 */
export type TaskState = 'OPEN' | 'CLAIMED' | 'REVIEWED' | 'DONE' | 'CANCELLED';
export const TASK_STATES: TaskState[] = ['OPEN', 'CLAIMED', 'REVIEWED', 'DONE', 'CANCELLED'];

@Entity('task')
@Index('task_active_queue', ['department', 'createdAt'], { where: `state in ('OPEN','CLAIMED','REVIEWED')` })
@Index('task_closed_queue', ['department', 'state', 'createdAt'], {
  where: `state not in ('OPEN','CLAIMED','REVIEWED')`,
})
export class TaskEntity {
  @PrimaryColumn('uuid') id!: string;
  /** One task per application: a redelivered or repeated acceptance event cannot make a second one. */
  @Index({ unique: true }) @Column('uuid') applicationId!: string;
  @Column('text') applicationNumber!: string;
  @Column('text') itemCode!: string;
  @Column('int') itemVersion!: number;
  @Column('text') itemName!: string;
  @Column('text') department!: string;
  @Column('text') division!: string;
  @Column('text') state!: TaskState;
  @Column('boolean') twoStepReview!: boolean;
  @Column('text', { nullable: true }) assignee!: string | null;
  @Column('timestamptz', { nullable: true }) claimedAt!: Date | null;
  @Column('text', { nullable: true }) reviewedBy!: string | null;
  @Column('text', { nullable: true }) reviewOpinion!: string | null;
  @Column('text', { nullable: true }) recommendation!: 'granted' | 'refused' | null;
  @Column('text', { nullable: true }) decidedBy!: string | null;
  @Column('text', { nullable: true }) outcome!: 'granted' | 'refused' | null;
  @Column('int') version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
