import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A material of an application, one row per material the item version requires (A2):
 * - provided: handed in (a file, an e-licence reference, or seen on paper at the window);
 * - missing / non-conforming: listed on the correction notice;
 * - promised: a secondary material to follow under gap acceptance (A4), with its due date;
 * - absent-optional: an optional material (needed only in some cases) not given: not a gap.
 */
export type MaterialStatus = 'provided' | 'missing' | 'non-conforming' | 'promised' | 'absent-optional';

@Entity('application_material')
export class ApplicationMaterialEntity {
  @PrimaryColumn('uuid') applicationId!: string;
  @PrimaryColumn('text') materialCode!: string;
  @Column('text') name!: string;
  @Column('text') requirement!: 'primary' | 'secondary';
  @Column('text') status!: MaterialStatus;
  @Column('uuid', { nullable: true }) fileId!: string | null;
  @Column('text', { nullable: true }) eLicenceRef!: string | null;
  /** Why a given material does not conform (on the correction notice). */
  @Column('text', { nullable: true }) problem!: string | null;
  @Column('date', { nullable: true }) dueOn!: string | null;
  @Column('timestamptz', { nullable: true }) remindedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) overdueReportedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) providedAt!: Date | null;
}
