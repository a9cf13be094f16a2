import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The register of names (名称库) under each authority: reserved while a registration runs, registered
 * once licensed, released when it ends otherwise. Partial unique indexes refuse an identical name
 * even between two submissions racing each other.
 */
@Entity('enterprise_name')
export class EnterpriseNameEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') registrationId!: string;
  @Column('text') authorityCode!: string;
  @Column('text') fullName!: string;
  @Column('text') tradeName!: string;
  @Column('text') industry!: string;
  /** The trade name's characters sorted: finds reorderings (海河 / 河海) by index. */
  @Column('text') tradeNameSorted!: string;
  @Column('text') status!: 'reserved' | 'registered' | 'released';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) releasedAt!: Date | null;
}
