import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bookable time slot at one centre for one item category, with a capacity (A11). */
@Entity('appointment_slot')
export class AppointmentSlotEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Org unit code of the service centre (StaffPrincipal.orgUnit of its clerks). */
  @Column('text') centre!: string;
  /** Item category: a department code or a theme, e.g. 'SCJG' or '不动产登记'. */
  @Column('text') category!: string;
  @Column('timestamptz') startsAt!: Date;
  @Column('timestamptz') endsAt!: Date;
  @Column('int') capacity!: number;
  /** Live bookings; only ever changed by a conditional update, which is what prevents overbooking. */
  @Column('int') booked!: number;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
}
