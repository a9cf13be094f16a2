import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AdminLevel } from '@onewindow/auth';

/**
 * A department at one level (G3). The code names the line of work and is the same at each level
 * (SCJG: market regulation in the city and in every district); the division tells which office.
 * `id` (`<code>-<division>`, e.g. SCJG-120101) is the org unit id staff tokens carry in `org`.
 */
@Entity('department')
export class DepartmentEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  nameEn!: string | null;

  @Column('text')
  level!: AdminLevel;

  @Column('text')
  division!: string;
}
