import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation reference tables (G3): the division tree, departments per level, service centres. */
export class OrgsInit1767225600000 implements MigrationInterface {
  name = 'OrgsInit1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table org_unit (
        code text primary key check (code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'),
        name text not null,
        name_en text,
        level text not null check (level in ('city', 'district', 'street', 'community')),
        parent_code text references org_unit (code),
        constraint org_unit_root check ((parent_code is null) = (level = 'city'))
      )`);
    await q.query(`create index org_unit_parent_idx on org_unit (parent_code)`);

    await q.query(`
      create table department (
        id text primary key,
        code text not null,
        name text not null,
        name_en text,
        level text not null check (level in ('city', 'district', 'street', 'community')),
        division text not null references org_unit (code),
        constraint department_code_division_uq unique (code, division),
        constraint department_id check (id = code || '-' || division)
      )`);
    await q.query(`create index department_division_idx on department (division)`);

    await q.query(`
      create table service_centre (
        id text primary key,
        name text not null,
        name_en text,
        level text not null check (level in ('city', 'district', 'street', 'community')),
        division text not null references org_unit (code),
        constraint service_centre_division_uq unique (division),
        constraint service_centre_id check (id = 'SC-' || division)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table service_centre`);
    await q.query(`drop table department`);
    await q.query(`drop table org_unit`);
  }
}
