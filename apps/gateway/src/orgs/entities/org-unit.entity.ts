import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AdminLevel } from '@onewindow/auth';

/** A division of the city → district → street/township → community tree, keyed by its GB/T 2260 code (G3). */
@Entity('org_unit')
export class OrgUnitEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  nameEn!: string | null;

  @Column('text')
  level!: AdminLevel;

  @Column('text', { nullable: true })
  parentCode!: string | null;
}
