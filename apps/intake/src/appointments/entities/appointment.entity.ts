import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AppointmentStatus = 'booked' | 'cancelled' | 'checked-in';

/** One applicant's booking of one slot. */
@Entity('appointment')
export class AppointmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') slotId!: string;
  /** ownerSubjectOf(applicant). */
  @Column('text') ownerSubject!: string;
  @Column('text') status!: AppointmentStatus;
  @Column('timestamptz') bookedAt!: Date;
  @Column('timestamptz', { nullable: true }) cancelledAt!: Date | null;
  @Column('timestamptz', { nullable: true }) checkedInAt!: Date | null;
}
