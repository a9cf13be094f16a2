import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AdminLevel, ItemDefinition, ItemKind, ItemVersion } from '../catalogue.types';

/**
 * One version of an item (C2). The whole service guide is `definition` (jsonb, read as is by the
 * applications filed under it); the columns beside it are copies of the fields the public search
 * filters on, so each version is its own row of the search index (trigram index on `searchText`).
 */
@Entity('catalogue_item_version')
export class CatalogueItemVersionEntity {
  @PrimaryColumn('text')
  itemCode!: string;

  @PrimaryColumn('int')
  version!: number;

  @Column('text')
  status!: ItemVersion['status'];

  @Column('jsonb')
  definition!: ItemDefinition;

  @Column('text')
  name!: string;

  @Column('text')
  department!: string;

  @Column('text')
  level!: AdminLevel;

  @Column('text')
  kind!: ItemKind;

  @Column('text', { array: true })
  themes!: string[];

  @Column('boolean')
  online!: boolean;

  /** What `q` is matched against as a substring: the name and the themes ('餐' finds the 餐饮 items). */
  @Column('text')
  searchText!: string;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('text', { nullable: true })
  publishedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  supersededAt!: Date | null;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
