import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The implementing departments items name (C1), as the catalogue lists them. Reference data loaded
 * from the seed file at every start; the gateway's org directory remains the authority on org units.
 */
@Entity('catalogue_department')
export class CatalogueDepartmentEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  nameEn!: string | null;
}
