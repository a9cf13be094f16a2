import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AdminLevel } from '@onewindow/auth';

/** A service centre: the city centre, a district centre, a street 便民服务中心 (G3). One per division; id `SC-<division>`. */
@Entity('service_centre')
export class ServiceCentreEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  nameEn!: string | null;

  @Column('text')
  level!: AdminLevel;

  @Column('text')
  division!: string;
}
