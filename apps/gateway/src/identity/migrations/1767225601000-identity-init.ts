import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity tables (G2): accounts, lockout counters, department-system clients, signing keys, refresh tokens. */
export class IdentityInit1767225601000 implements MigrationInterface {
  name = 'IdentityInit1767225601000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table user_account (
        id uuid primary key,
        username text not null,
        password_hash text,
        principal_type text not null check (principal_type in ('citizen', 'enterprise', 'staff')),
        display_name text not null,
        resident_id text,
        uscc text,
        agent_sub text,
        department text,
        org_unit text,
        division text,
        level text check (level is null or level in ('city', 'district', 'street', 'community')),
        roles text[] not null default '{}',
        external_issuer text,
        external_subject text,
        disabled boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint user_account_username_lower check (username = lower(username)),
        constraint user_account_enterprise check (principal_type <> 'enterprise' or (uscc is not null and agent_sub is not null)),
        constraint user_account_staff check (principal_type <> 'staff' or (org_unit is not null and division is not null and level is not null)),
        constraint user_account_external check ((external_issuer is null) = (external_subject is null))
      )`);
    await q.query(`create unique index user_account_username_uq on user_account (username)`);
    // One account per resident ID and per external identity.
    await q.query(
      `create unique index user_account_resident_id_uq on user_account (resident_id) where resident_id is not null`,
    );
    await q.query(
      `create unique index user_account_external_uq on user_account (external_issuer, external_subject) where external_issuer is not null`,
    );

    await q.query(`
      create table login_attempt (
        username text primary key,
        failures int not null,
        locked_until timestamptz,
        updated_at timestamptz not null default now()
      )`);

    await q.query(`
      create table oauth_client (
        client_id text primary key,
        name text not null,
        secret_hash text not null,
        department text not null,
        scopes text[] not null default '{}',
        disabled boolean not null default false,
        created_at timestamptz not null default now()
      )`);

    await q.query(`
      create table signing_key (
        kid text primary key,
        alg text not null,
        public_jwk jsonb not null,
        private_jwk jsonb not null,
        created_at timestamptz not null default now(),
        activates_at timestamptz not null,
        retires_at timestamptz
      )`);

    await q.query(`
      create table refresh_token (
        id uuid primary key,
        token_hash text not null,
        user_id uuid not null references user_account (id) on delete cascade,
        family_id uuid not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        replaced_by uuid
      )`);
    await q.query(`create unique index refresh_token_hash_uq on refresh_token (token_hash)`);
    await q.query(`create index refresh_token_family_idx on refresh_token (family_id)`);
    await q.query(`create index refresh_token_user_idx on refresh_token (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table refresh_token`);
    await q.query(`drop table signing_key`);
    await q.query(`drop table oauth_client`);
    await q.query(`drop table login_attempt`);
    await q.query(`drop table user_account`);
  }
}
