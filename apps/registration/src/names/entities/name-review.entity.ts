import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A name waiting for a market-regulation reviewer (similar names, restricted words). */
@Entity('name_review')
export class NameReviewEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') registrationId!: string;
  @Column('text') authorityCode!: string;
  @Column('text') division!: string;
  @Column('text') enterpriseName!: string;
  @Column('jsonb') reasons!: { code: string; message: string }[];
  @Column('jsonb') similarNames!: string[];
  @Column('text') state!: 'OPEN' | 'APPROVED' | 'REJECTED' | 'CANCELLED';
  @Column('text', { nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
  @Column('text', { nullable: true }) decisionReason!: string | null;
  @Column('int') version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
