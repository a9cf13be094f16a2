import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be published; written in the same transaction as the state change it reports. */
@Entity('outbox_event')
export class OutboxEventEntity {
  /** Publication order: the relay always sends the lowest unpublished seq first, which keeps per-key order. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: string;
  @Index({ unique: true }) @Column('uuid') eventId!: string;
  @Column('text') topic!: string;
  @Column('text') key!: string;
  @Column('text') type!: string;
  @Column('jsonb') envelope!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column('int', { default: 0 }) attempts!: number;
  @Column('text', { nullable: true }) lastError!: string | null;
}

/** An event a consumer has applied; its primary key makes a second application impossible (F3). */
@Entity('inbox_event')
export class InboxEventEntity {
  @PrimaryColumn('text') consumer!: string;
  @PrimaryColumn('uuid') eventId!: string;
  @Column('text') topic!: string;
  @Column('text') type!: string;
  @CreateDateColumn({ type: 'timestamptz' }) processedAt!: Date;
}

export type DeadLetterReason = 'invalid' | 'failed';
export type DeadLetterStatus = 'open' | 'replayed' | 'discarded';

/** A message a consumer gave up on; kept for the admin API beside its copy on `<topic>.dlq`. */
@Entity('dead_letter')
@Index(['consumer', 'topic', 'partition', 'offset'], { unique: true })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') consumer!: string;
  @Column('text') topic!: string;
  @Column('int') partition!: number;
  @Column('text') offset!: string;
  @Column('text', { nullable: true }) key!: string | null;
  @Column('text', { nullable: true }) eventId!: string | null;
  @Column('text', { nullable: true }) eventType!: string | null;
  @Column('text') payload!: string;
  @Column('text') reason!: DeadLetterReason;
  @Column('text') error!: string;
  @Column('int') attempts!: number;
  @Column('text', { default: 'open' }) status!: DeadLetterStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column('text', { nullable: true }) resolvedBy!: string | null;
}

export const messagingEntities = [OutboxEventEntity, InboxEventEntity, DeadLetterEntity];
