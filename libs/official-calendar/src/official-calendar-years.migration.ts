import { MigrationInterface, QueryRunner } from 'typeorm';

/** The same table in every service that counts working days (the migration runs in each one's database). */
export class OfficialCalendarYears1766100000000 implements MigrationInterface {
  name = 'OfficialCalendarYears1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table official_calendar_year (
      year int primary key check (year between 1900 and 2200),
      days jsonb not null,
      source text not null,
      published_by text not null,
      published_at timestamptz not null default now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table official_calendar_year');
  }
}
