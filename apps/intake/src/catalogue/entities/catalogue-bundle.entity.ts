import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bundle (一件事, C5): items of several departments applied for with one form. */
@Entity('catalogue_bundle')
export class CatalogueBundleEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  /** In the order the merged form lists them. */
  @Column('text', { array: true })
  itemCodes!: string[];

  @Column('text', { array: true })
  themes!: string[];
}
