import { MigrationInterface, QueryRunner } from 'typeorm';

/** Applications (A1–A10): the application, its materials and files, its hash-chained timeline, the case-number counter. */
export class ApplicationsInit1764030000000 implements MigrationInterface {
  name = 'ApplicationsInit1764030000000';

  async up(q: QueryRunner): Promise<void> {
    const states = `'RECEIVED','CORRECTION_REQUESTED','ACCEPTED','REJECTED','IN_REVIEW','PAUSED','DECIDED','CONCLUDED','DELIVERED','WITHDRAWN'`;
    await q.query(`create table application (
      id uuid primary key,
      number text not null unique,
      item_code text not null,
      item_version int not null,
      item_name text not null,
      bundle_code text,
      bundle_group uuid,
      mode text not null check (mode in ('instant','promised')),
      two_step_review boolean not null,
      applicant_type text not null check (applicant_type in ('citizen','enterprise')),
      applicant_subject text not null,
      applicant_name text not null,
      applicant_id_number text,
      applicant_phone text,
      channel text not null check (channel in ('online','window')),
      receiving_org_unit text,
      receiving_division text not null,
      receiving_level text,
      received_by text,
      department text not null,
      division text not null,
      state text not null check (state in (${states})),
      version int not null default 1,
      form_data jsonb not null default '{}',
      received_at timestamptz not null,
      intake_clock_from date not null,
      accepted_on date,
      deemed_accepted boolean not null default false,
      gap_accepted boolean not null default false,
      promised_limit_days int not null,
      legal_limit_days int not null,
      promised_due date,
      legal_due date,
      paused_on date,
      paused_for text,
      paused_working_days int not null default 0,
      extension_days int not null default 0 check (extension_days between 0 and 10),
      extension_reason text,
      outcome text check (outcome in ('granted','refused')),
      decided_at timestamptz,
      concluded_at timestamptz,
      delivered_at timestamptz,
      delivery_mode text check (delivery_mode in ('window','post')),
      tracking_number text,
      withdrawn_at timestamptz,
      closing_reason text,
      idempotency_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    // A repeated submit with the same key by the same applicant finds the first application (nothing written twice).
    await q.query(
      `create unique index application_owner_idempotency on application (applicant_subject, idempotency_key) where idempotency_key is not null`,
    );
    await q.query(`create index application_owner on application (applicant_subject, received_at desc)`);
    await q.query(`create index application_bundle_group on application (bundle_group) where bundle_group is not null`);
    await q.query(`create index application_department on application (department, division)`);
    await q.query(`create index application_receiving on application (receiving_org_unit, received_at desc)`);
    // The clock's scan (A3): only the few applications still waiting for an intake decision.
    await q.query(
      `create index application_intake_pending on application (intake_clock_from) where state = 'RECEIVED'`,
    );

    await q.query(`create table application_material (
      application_id uuid not null references application (id),
      material_code text not null,
      name text not null,
      requirement text not null check (requirement in ('primary','secondary')),
      status text not null check (status in ('provided','missing','non-conforming','promised','absent-optional')),
      file_id uuid,
      e_licence_ref text,
      problem text,
      due_on date,
      reminded_at timestamptz,
      overdue_reported_at timestamptz,
      provided_at timestamptz,
      primary key (application_id, material_code))`);
    await q.query(
      `create index application_material_promised on application_material (due_on) where status = 'promised'`,
    );

    await q.query(`create table application_file (
      id uuid primary key,
      application_id uuid not null references application (id),
      material_code text not null,
      content_type text not null,
      size int not null check (size > 0 and size <= 10485760),
      sha256 text not null,
      data bytea not null,
      uploaded_by text not null,
      uploaded_at timestamptz not null default now())`);
    await q.query(`create index application_file_application on application_file (application_id)`);

    await q.query(`create table application_step (
      application_id uuid not null references application (id),
      seq int not null check (seq >= 1),
      action text not null,
      from_state text,
      to_state text not null,
      actor_type text not null,
      actor_id text not null,
      actor_name text,
      actor_role text,
      actor_department text,
      actor_org_unit text,
      at timestamptz not null,
      document_id text,
      document_kind text,
      document_number text,
      note text,
      detail jsonb,
      prev_hash text not null,
      hash text not null,
      primary key (application_id, seq))`);

    // Case numbers restart daily per division (formatCaseNumber); the counter is bumped in its own short
    // statement, outside the submit transaction, so concurrent submits never queue on its row lock.
    await q.query(`create table application_number_counter (
      division text not null,
      day date not null,
      last int not null,
      primary key (division, day))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'application_number_counter',
      'application_step',
      'application_file',
      'application_material',
      'application',
    ])
      await q.query(`drop table if exists ${t}`);
  }
}
