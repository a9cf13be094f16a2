import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Standard documents (A13): one table, a number sequence, and the unique verification code. */
export class Documents1764020000000 implements MigrationInterface {
  name = 'Documents1764020000000';

  async up(q: QueryRunner): Promise<void> {
    // A sequence, not a counter row: issuing takes no row lock, so receipts issued inside many
    // concurrent submissions never queue behind each other (gaps after a rollback are acceptable).
    await q.query(`create sequence document_number_seq`);
    await q.query(`
      create table document (
        id uuid primary key,
        kind text not null check (kind in ('receipt','correction-notice','acceptance','rejection','decision-grant','decision-refusal','fee-notice','gap-commitment')),
        number text not null,
        application_id uuid not null,
        application_number text not null,
        issuer text not null,
        applicant_subject text,
        fields jsonb not null,
        html text not null,
        content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
        verification_code text not null check (length(verification_code) >= 10),
        issued_at timestamptz not null
      )`);
    await q.query(`create unique index document_number_uq on document (number)`);
    await q.query(`create unique index document_verification_code_uq on document (verification_code)`);
    await q.query(`create index document_application_idx on document (application_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table document`);
    await q.query(`drop sequence document_number_seq`);
  }
}
