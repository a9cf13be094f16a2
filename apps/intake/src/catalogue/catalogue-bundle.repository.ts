import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogueBundleEntity } from './entities/catalogue-bundle.entity';

/** The queries of the bundles (`catalogue_bundle`, 一件事). */
@Injectable()
export class CatalogueBundleRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  find(code: string): Promise<CatalogueBundleEntity | null> {
    return this.ds.getRepository(CatalogueBundleEntity).findOneBy({ code });
  }

  all(): Promise<CatalogueBundleEntity[]> {
    return this.ds.getRepository(CatalogueBundleEntity).find({ order: { code: 'ASC' } });
  }

  async upsert(m: EntityManager, rows: CatalogueBundleEntity[]): Promise<void> {
    await m.upsert(CatalogueBundleEntity, rows, ['code']);
  }
}
