import type { MigrationInterface, QueryRunner } from 'typeorm';

/** G7: the exchange access log (exchange-access-log.entity.ts). Hand-written, reviewed SQL. */
export class ExchangeAccessLog1767300000000 implements MigrationInterface {
  name = 'ExchangeAccessLog1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table exchange_access_log (
        id uuid primary key default gen_random_uuid(),
        client_id varchar(128) not null,
        department varchar(32) not null,
        method varchar(8) not null,
        route varchar(100) not null,
        path varchar(300) not null,
        purpose varchar(200) not null check (char_length(purpose) between 4 and 200),
        status int,
        duration_ms int,
        request_id varchar(128) not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_exchange_access_log_client_time on exchange_access_log (client_id, created_at)`);
    await q.query(
      `create index ix_exchange_access_log_department_time on exchange_access_log (department, created_at)`,
    );
    await q.query(
      `comment on table exchange_access_log is 'G7: every call of a department system to /exchange, with its declared purpose'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table exchange_access_log`);
  }
}
