import { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalogue (C1–C6): departments, items, their versions with the search columns, bundles. */
export class CatalogueInit1764010000000 implements MigrationInterface {
  name = 'CatalogueInit1764010000000';

  async up(q: QueryRunner): Promise<void> {
    // Trigram GIN indexes make ILIKE '%…%' usable for Chinese substrings (3+ characters use the
    // index; shorter patterns still answer correctly by scanning). pg_trgm is a trusted contrib extension.
    await q.query(`create extension if not exists pg_trgm`);
    await q.query(`create table catalogue_department (
      code text primary key,
      name text not null,
      name_en text)`);
    await q.query(`create table catalogue_item (
      code text primary key,
      state text not null check (state in ('draft','published','withdrawn')),
      current_version int,
      latest_version int not null check (latest_version >= 1),
      withdrawn_at timestamptz,
      withdrawn_reason text,
      withdrawn_by text,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((state = 'draft') = (current_version is null)))`);
    await q.query(`create table catalogue_item_version (
      item_code text not null references catalogue_item (code),
      version int not null check (version >= 1),
      status text not null check (status in ('draft','published','superseded','withdrawn')),
      definition jsonb not null,
      name text not null,
      department text not null,
      level text not null,
      kind text not null,
      themes text[] not null default '{}',
      online boolean not null,
      search_text text not null,
      published_at timestamptz,
      published_by text,
      superseded_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      primary key (item_code, version),
      check ((status = 'draft') = (published_at is null)))`);
    // At most one version of an item takes applications and at most one is being edited.
    await q.query(
      `create unique index catalogue_item_version_one_published on catalogue_item_version (item_code) where status in ('published','withdrawn')`,
    );
    await q.query(
      `create unique index catalogue_item_version_one_draft on catalogue_item_version (item_code) where status = 'draft'`,
    );
    // The per-version search index: the public search reads only published rows.
    await q.query(
      `create index catalogue_item_version_search_trgm on catalogue_item_version using gin (search_text gin_trgm_ops)`,
    );
    await q.query(
      `create index catalogue_item_version_code_prefix on catalogue_item_version (item_code text_pattern_ops) where status = 'published'`,
    );
    await q.query(
      `create index catalogue_item_version_department on catalogue_item_version (department, item_code) where status = 'published'`,
    );
    await q.query(
      `create index catalogue_item_version_level_kind on catalogue_item_version (level, kind) where status = 'published'`,
    );
    await q.query(`create index catalogue_item_version_themes on catalogue_item_version using gin (themes)`);
    await q.query(`create index catalogue_item_version_published_at on catalogue_item_version (published_at)`);
    await q.query(`create table catalogue_bundle (
      code text primary key,
      name text not null,
      description text,
      item_codes text[] not null check (cardinality(item_codes) >= 2),
      themes text[] not null default '{}')`);
    await q.query(`create index catalogue_bundle_name_trgm on catalogue_bundle using gin (name gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table catalogue_bundle');
    await q.query('drop table catalogue_item_version');
    await q.query('drop table catalogue_item');
    await q.query('drop table catalogue_department');
  }
}
