import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A window clerk's list (applications received at the centre, and online ones whose intake decision
 * falls to its division) had an index for the first half only: the online half read every online
 * application of the division, i.e. the whole table for the city centre. Each half now has its own
 * partial index in received order, and the list reads the newest page of each. The window index
 * loses the online rows it held as nulls, so a submission still inserts one entry, not two.
 */
export class CentreListIndexes1764130000000 implements MigrationInterface {
  name = 'CentreListIndexes1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `create index application_window_receiving on application (receiving_org_unit, received_at desc) where channel = 'window'`,
    );
    await q.query(
      `create index application_online_receiving on application (receiving_division, received_at desc) where channel = 'online'`,
    );
    await q.query(`drop index if exists application_receiving`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`create index application_receiving on application (receiving_org_unit, received_at desc)`);
    await q.query(`drop index if exists application_online_receiving`);
    await q.query(`drop index if exists application_window_receiving`);
  }
}
