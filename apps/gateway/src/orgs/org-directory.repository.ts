import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DepartmentRow, OrgUnitRow, ServiceCentreRow } from './domain/reference-data';
import { DepartmentEntity } from './entities/department.entity';
import { OrgUnitEntity } from './entities/org-unit.entity';
import { ServiceCentreEntity } from './entities/service-centre.entity';

/** The queries of the org tables: `org_unit`, `department`, `service_centre`. */
@Injectable()
export class OrgDirectoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Serialises seeding across replicas starting together, for the caller's transaction. */
  async lockSeeding(m: EntityManager): Promise<void> {
    await m.query(`select pg_advisory_xact_lock(hashtext('gateway:seed-orgs'))`);
  }

  /** Inserts the division, or brings its name, level and parent up to date. */
  async upsertUnit(m: EntityManager, u: OrgUnitRow): Promise<void> {
    await m.query(
      `insert into org_unit (code, name, name_en, level, parent_code) values ($1, $2, $3, $4, $5)
         on conflict (code) do update set name = excluded.name, name_en = excluded.name_en, level = excluded.level, parent_code = excluded.parent_code`,
      [u.code, u.name, u.nameEn, u.level, u.parentCode],
    );
  }

  /** Inserts the department, or brings its names and level up to date. */
  async upsertDepartment(m: EntityManager, d: DepartmentRow): Promise<void> {
    await m.query(
      `insert into department (id, code, name, name_en, level, division) values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set name = excluded.name, name_en = excluded.name_en, level = excluded.level`,
      [d.id, d.code, d.name, d.nameEn, d.level, d.division],
    );
  }

  /** Inserts the centre, or brings its names and level up to date. */
  async upsertCentre(m: EntityManager, c: ServiceCentreRow): Promise<void> {
    await m.query(
      `insert into service_centre (id, name, name_en, level, division) values ($1, $2, $3, $4, $5)
         on conflict (id) do update set name = excluded.name, name_en = excluded.name_en, level = excluded.level`,
      [c.id, c.name, c.nameEn, c.level, c.division],
    );
  }

  findUnits(): Promise<OrgUnitEntity[]> {
    return this.ds.getRepository(OrgUnitEntity).find({ order: { code: 'ASC' } });
  }

  findDepartments(): Promise<DepartmentEntity[]> {
    return this.ds.getRepository(DepartmentEntity).find({ order: { division: 'ASC', code: 'ASC' } });
  }

  findCentres(): Promise<ServiceCentreEntity[]> {
    return this.ds.getRepository(ServiceCentreEntity).find({ order: { division: 'ASC' } });
  }
}
