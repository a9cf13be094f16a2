import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TicketStatus = 'waiting' | 'called' | 'served';

/** A queue ticket (叫号): taken on arrival, called to a window. Holds no personal data but the owner key. */
@Entity('queue_ticket')
export class QueueTicketEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') centre!: string;
  /** The centre's calendar day (Asia/Shanghai): numbers restart every day. */
  @Column('date') day!: string;
  @Column('text') category!: string;
  @Column('int') seq!: number;
  /** e.g. 'A023': the category's letter and the day's sequence. */
  @Column('text') number!: string;
  @Column('text') kind!: 'appointment' | 'walk-in';
  @Column('uuid', { nullable: true }) appointmentId!: string | null;
  /** For appointment tickets: the slot, so the caller can serve them first during their slot. */
  @Column('timestamptz', { nullable: true }) slotStartsAt!: Date | null;
  @Column('timestamptz', { nullable: true }) slotEndsAt!: Date | null;
  @Column('text', { nullable: true }) ownerSubject!: string | null;
  @Column('text') status!: TicketStatus;
  @Column('timestamptz') issuedAt!: Date;
  @Column('text') issuedBy!: string;
  @Column('timestamptz', { nullable: true }) calledAt!: Date | null;
  @Column('text', { nullable: true }) calledBy!: string | null;
  @Column('text', { nullable: true }) windowNo!: string | null;
}
