import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogueDepartmentEntity } from './entities/catalogue-department.entity';

/** The queries of the implementing departments (`catalogue_department`). */
@Injectable()
export class CatalogueDepartmentRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  all(): Promise<CatalogueDepartmentEntity[]> {
    return this.ds.getRepository(CatalogueDepartmentEntity).find();
  }

  async codes(m: EntityManager): Promise<string[]> {
    return (await m.find(CatalogueDepartmentEntity, { select: { code: true } })).map((d) => d.code);
  }

  /** Every department with its number of published items, by code. */
  withItemCounts(): Promise<{ code: string; name: string; name_en: string | null; items: number }[]> {
    return this.ds.query(
      `select d.code, d.name, d.name_en, count(v.item_code)::int as items
         from catalogue_department d
         left join catalogue_item_version v on v.department = d.code and v.status = 'published'
        group by d.code, d.name, d.name_en
        order by d.code`,
    );
  }

  async upsert(m: EntityManager, rows: CatalogueDepartmentEntity[]): Promise<void> {
    await m.upsert(CatalogueDepartmentEntity, rows, ['code']);
  }
}
