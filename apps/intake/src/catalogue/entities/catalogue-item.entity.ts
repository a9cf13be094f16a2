import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ItemState = 'draft' | 'published' | 'withdrawn';

/**
 * One catalogued item (C1) across its versions: which version new applications are filed under
 * (`currentVersion`) and whether the item still takes applications. The definitions themselves are
 * in CatalogueItemVersionEntity.
 */
@Entity('catalogue_item')
export class CatalogueItemEntity {
  @PrimaryColumn('text')
  code!: string;

  /** draft: never published; published: takes applications; withdrawn: takes none, for good. */
  @Column('text')
  state!: ItemState;

  @Column('int', { nullable: true })
  currentVersion!: number | null;

  @Column('int')
  latestVersion!: number;

  @Column('timestamptz', { nullable: true })
  withdrawnAt!: Date | null;

  @Column('text', { nullable: true })
  withdrawnReason!: string | null;

  @Column('text', { nullable: true })
  withdrawnBy!: string | null;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
