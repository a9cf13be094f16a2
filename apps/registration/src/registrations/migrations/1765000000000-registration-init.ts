import { MigrationInterface, QueryRunner } from 'typeorm';

/** The registration service's tables (30-registration.md). USCC sequences are created per division on first use. */
export class RegistrationInit1765000000000 implements MigrationInterface {
  name = 'RegistrationInit1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table registration (
      id uuid primary key,
      number text not null unique,
      owner_subject text not null,
      applicant_type text not null check (applicant_type in ('citizen','enterprise')),
      applicant_name text not null,
      authority_code text not null,
      division text not null,
      domicile_division text not null,
      state text not null check (state in ('NAME_REVIEW','LICENSING','LICENSED','DEPARTMENTS','COMPLETED','NAME_REJECTED','WITHDRAWN')),
      enterprise_name text not null,
      trade_name text not null,
      industry text not null,
      organisation_form text not null,
      enterprise_type text not null,
      name_decided_by text check (name_decided_by in ('rules','reviewer','self-declared')),
      form jsonb not null,
      form_hash text not null,
      idempotency_key text,
      uscc text unique,
      licence_number text unique,
      submitted_at timestamptz not null,
      licensed_at timestamptz,
      completed_at timestamptz,
      closed_at timestamptz,
      closed_reason text,
      working_days_taken int,
      within_one_working_day boolean,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    // The same key from the same founder finds the first registration (nothing written twice).
    await q.query(
      `create unique index registration_owner_idempotency on registration (owner_subject, idempotency_key) where idempotency_key is not null`,
    );
    // The same form from the same founder while the first is alive is a second submission, whatever the key.
    await q.query(
      `create unique index registration_owner_form on registration (owner_subject, form_hash) where state not in ('WITHDRAWN','NAME_REJECTED')`,
    );
    await q.query(`create index registration_owner on registration (owner_subject, submitted_at desc)`);
    await q.query(`create index registration_completed on registration (completed_at) where completed_at is not null`);

    await q.query(`create table registration_step (
      id uuid primary key,
      registration_id uuid not null references registration (id),
      kind text not null check (kind in ('name-check','licence','seal','tax','social-insurance','statistics')),
      department text not null,
      mode text check (mode in ('manual','auto')),
      state text not null check (state in ('WAITING','REVIEW','REQUESTED','QUEUED','CLAIMED','DONE','REJECTED','CORRECTION_REQUESTED','CANCELLED')),
      attempt int not null default 1,
      data jsonb,
      result jsonb,
      reason text,
      claimed_by text,
      claimed_at timestamptz,
      requested_at timestamptz,
      due_on date,
      completed_at timestamptz,
      completed_by text,
      escalated_at timestamptz,
      version int not null default 1,
      updated_at timestamptz not null default now(),
      unique (registration_id, kind))`);
    await q.query(`create index registration_step_queue on registration_step (department, state, requested_at)`);
    // The escalation checker's scan: only open department steps not yet escalated.
    await q.query(
      `create index registration_step_due on registration_step (due_on) where state in ('REQUESTED','QUEUED','CLAIMED') and escalated_at is null`,
    );

    // The name is reserved before its registration row is written (the reservation decides which
    // candidate the registration gets), so the reference is checked at commit.
    await q.query(`create table enterprise_name (
      id uuid primary key,
      registration_id uuid not null references registration (id) deferrable initially deferred,
      authority_code text not null,
      full_name text not null,
      trade_name text not null,
      industry text not null,
      trade_name_sorted text not null,
      status text not null check (status in ('reserved','registered','released')),
      created_at timestamptz not null default now(),
      released_at timestamptz)`);
    // Identical names are refused by the database itself, so two racing submissions cannot both win.
    await q.query(`create unique index enterprise_name_full on enterprise_name (full_name) where status <> 'released'`);
    await q.query(
      `create unique index enterprise_name_trade on enterprise_name (authority_code, industry, trade_name) where status <> 'released'`,
    );
    await q.query(
      `create index enterprise_name_authority on enterprise_name (authority_code, trade_name_sorted) where status <> 'released'`,
    );

    await q.query(`create table name_review (
      id uuid primary key,
      registration_id uuid not null references registration (id),
      authority_code text not null,
      division text not null,
      enterprise_name text not null,
      reasons jsonb not null,
      similar_names jsonb not null,
      state text not null check (state in ('OPEN','APPROVED','REJECTED','CANCELLED')),
      decided_by text,
      decided_at timestamptz,
      decision_reason text,
      version int not null default 1,
      created_at timestamptz not null default now())`);
    await q.query(`create index name_review_open on name_review (created_at) where state = 'OPEN'`);

    await q.query(`create table uscc_issued (
      uscc text primary key,
      registration_id uuid not null unique references registration (id),
      authority text not null,
      entity_type text not null,
      division text not null,
      sequence bigint not null,
      issued_at timestamptz not null default now(),
      unique (authority, entity_type, division, sequence))`);

    await q.query(`create table licence_signing_key (
      kid text primary key,
      alg text not null,
      public_jwk jsonb not null,
      private_pem text,
      source text not null check (source in ('generated','file')),
      created_at timestamptz not null default now())`);

    await q.query(`create table licence (
      number text primary key,
      registration_id uuid not null unique references registration (id),
      uscc text not null unique,
      document jsonb not null,
      canonical text not null,
      signature text not null,
      kid text not null references licence_signing_key (kid),
      alg text not null,
      issued_at timestamptz not null)`);

    // Daily numbering per division (registration numbers QY, licence numbers YZ).
    await q.query(`create table registration_counter (
      kind text not null,
      division text not null,
      day date not null,
      last int not null,
      primary key (kind, division, day))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'registration_counter',
      'licence',
      'licence_signing_key',
      'uscc_issued',
      'name_review',
      'enterprise_name',
      'registration_step',
      'registration',
    ]) {
      await q.query(`drop table ${t}`);
    }
  }
}
