import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fees (A12, 票款分离): notices, payment confirmations from the bank channel, waiver requests. */
export class Fees1764060000000 implements MigrationInterface {
  name = 'Fees1764060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create sequence fee_notice_seq`);
    await q.query(`
      create table fee_notice (
        id uuid primary key,
        number text not null unique,
        payment_reference text not null unique check (payment_reference ~ '^[0-9]{20}$'),
        application_id uuid not null,
        application_number text not null,
        applicant_subject text not null,
        applicant_name text,
        item_code text not null,
        item_version int not null check (item_version > 0),
        lines jsonb not null,
        total_fen bigint not null check (total_fen > 0),
        status text not null check (status in ('issued','paid','waived')),
        issuer text not null,
        issued_by text not null,
        issued_at timestamptz not null,
        pay_by date,
        document_id uuid not null,
        paid_at timestamptz,
        waived_at timestamptz,
        version int not null default 1,
        check ((status = 'paid') = (paid_at is not null)),
        check ((status = 'waived') = (waived_at is not null))
      )`);
    // One notice per item of an application: a second would ask the applicant to pay twice.
    await q.query(`create unique index fee_notice_application_item_uq on fee_notice (application_id, item_code)`);
    await q.query(`create index fee_notice_applicant_idx on fee_notice (applicant_subject)`);
    await q.query(`
      create table fee_payment (
        id uuid primary key,
        notice_id uuid not null references fee_notice (id),
        bank_txn_id text not null unique,
        amount_fen bigint not null check (amount_fen > 0),
        paid_at timestamptz not null,
        channel text not null,
        recorded_at timestamptz not null
      )`);
    // At most one payment per notice, whatever the application code does.
    await q.query(`create unique index fee_payment_notice_uq on fee_payment (notice_id)`);
    await q.query(`
      create table fee_waiver_request (
        id uuid primary key,
        notice_id uuid not null references fee_notice (id),
        reason text not null,
        requested_by text not null,
        requested_by_name text not null,
        requested_at timestamptz not null,
        status text not null check (status in ('pending','approved','rejected')),
        decided_by text,
        decided_at timestamptz,
        decision_note text,
        -- four eyes: whoever decides is not whoever asked
        check (decided_by is null or decided_by <> requested_by)
      )`);
    await q.query(
      `create unique index fee_waiver_one_pending_uq on fee_waiver_request (notice_id) where status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table fee_waiver_request`);
    await q.query(`drop table fee_payment`);
    await q.query(`drop table fee_notice`);
    await q.query(`drop sequence fee_notice_seq`);
  }
}
