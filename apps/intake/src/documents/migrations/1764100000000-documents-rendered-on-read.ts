import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents are rendered from their stored content when read (docs/adr/0016): new rows keep `html`
 * null and name the template set that renders them. Rows issued before keep their stored HTML.
 */
export class DocumentsRenderedOnRead1764100000000 implements MigrationInterface {
  name = 'DocumentsRenderedOnRead1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table document alter column html drop not null`);
    await q.query(`alter table document add column template_set smallint`);
    await q.query(
      `alter table document add constraint document_html_or_template check ((html is null) <> (template_set is null))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table document drop constraint document_html_or_template`);
    await q.query(`alter table document drop column template_set`);
    await q.query(`alter table document alter column html set not null`);
  }
}
