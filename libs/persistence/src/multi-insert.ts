import type { Pool, PoolClient } from 'pg';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { isFaultOfOneWrite } from './database-errors';
import { GroupCommit, GroupCommitOptions } from './group-commit';

export interface InsertPart {
  target: EntityTarget<ObjectLiteral>;
  /** Properties left to their column default (or null): e.g. a publication timestamp set later. */
  omit?: string[];
}

interface PreparedPart {
  meta: EntityMetadata;
  columns: { property: string; column: string; embedded: boolean }[];
}

/**
 * Rows for several tables written by ONE prepared statement: a data-modifying CTE per table, each
 * reading its rows from a jsonb array parameter (`jsonb_populate_recordset`). A single statement is
 * its own transaction, so the rows commit together or not at all, in one round trip and one commit;
 * the text is fixed whatever the row counts, so Postgres plans it once per connection.
 *
 * For hot write paths where an ORM's per-row statements cost more than the work itself (the intake
 * submission writes an application, its materials, documents, timeline steps and outbox events).
 * Column names come from the entities' TypeORM metadata, so the entities stay the one description of
 * the tables. Generated, create-date and update-date columns are left to their defaults.
 */
export class MultiInsert {
  private readonly parts: PreparedPart[];
  readonly text: string;
  private readonly name: string;

  /**
   * @param also further data-modifying statements run in the same statement (e.g. an `update`), as
   *   CTE bodies whose parameters are numbered after the parts' ($<parts + 1>, ...).
   */
  constructor(
    private readonly ds: DataSource,
    parts: InsertPart[],
    private readonly also: string[] = [],
  ) {
    this.parts = parts.map((p) => {
      const meta = ds.getMetadata(p.target);
      const columns = meta.columns
        .filter((c) => !c.isGenerated && !c.isCreateDate && !c.isUpdateDate && !(p.omit ?? []).includes(c.propertyName))
        .map((c) => ({ property: c.propertyName, column: c.databaseName, embedded: Boolean(c.embeddedMetadata) }));
      if (columns.some((c) => c.embedded))
        throw new Error(`MultiInsert: embedded columns are not supported (${meta.tableName})`);
      return { meta, columns };
    });
    const ctes = this.parts.map((p, i) => {
      const cols = p.columns.map((c) => `"${c.column}"`).join(', ');
      return `p${i} as (insert into "${p.meta.tableName}" (${cols}) select ${cols} from jsonb_populate_recordset(null::"${p.meta.tableName}", $${i + 1}::jsonb))`;
    });
    ctes.push(...also.map((body, i) => `a${i} as (${body})`));
    this.text = `with ${ctes.join(',\n')}\nselect 1`;
    // A named statement is parsed and planned once per connection; the name follows the text.
    this.name = `mi_${createHash('sha1').update(this.text).digest('hex').slice(0, 16)}`;
  }

  /**
   * One array of entity-shaped rows per part, in the parts' order (empty arrays insert nothing), then
   * the values of the `also` statements. Runs as its own transaction.
   */
  async run(rows: ObjectLiteral[][], alsoValues: unknown[] = []): Promise<void> {
    await pgPool(this.ds).query(this.query(rows, alsoValues));
  }

  /** The same, inside the caller's transaction. */
  async runIn(manager: EntityManager, rows: ObjectLiteral[][], alsoValues: unknown[] = []): Promise<void> {
    await clientOf(manager).query(this.query(rows, alsoValues));
  }

  /**
   * The same statement as a group commit (group-commit.ts): concurrent writes' rows are concatenated
   * part by part into one statement. Each write's rows stay together and in order, so outbox events
   * keep their per-aggregate order. Only for statements without `also` parts (those cannot be merged).
   */
  grouped(options: GroupCommitOptions): GroupCommit<ObjectLiteral[][]> {
    if (this.also.length) throw new Error('MultiInsert.grouped: statements with `also` parts cannot be merged');
    return new GroupCommit(
      (writes) => this.run(writes.length === 1 ? writes[0] : this.parts.map((_, i) => writes.flatMap((w) => w[i]))),
      { retryAlone: isFaultOfOneWrite, ...options },
    );
  }

  private query(rows: ObjectLiteral[][], alsoValues: unknown[]) {
    if (rows.length !== this.parts.length)
      throw new Error(`MultiInsert: ${this.parts.length} row arrays expected, got ${rows.length}`);
    const values = [...this.parts.map((p, i) => JSON.stringify(rows[i].map((r) => toColumns(p, r)))), ...alsoValues];
    return { name: this.name, text: this.text, values };
  }
}

function toColumns(p: PreparedPart, row: ObjectLiteral): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of p.columns) out[c.column] = row[c.property] ?? null;
  return out;
}

/**
 * The pg client of a transaction's EntityManager, to run a named (prepared) statement in it. Outside
 * a transaction there is no connection to borrow: that is a programming error.
 */
export function clientOf(manager: EntityManager): PoolClient {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)
    ?.databaseConnection;
  if (!client || !manager.queryRunner?.isTransactionActive)
    throw new Error('clientOf: needs the EntityManager of an open transaction');
  return client;
}

/** The pg pool under a TypeORM postgres DataSource: for the few hot paths that run named statements. */
export function pgPool(ds: DataSource): Pool {
  const pool = (ds.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('pgPool: the data source is not an initialised postgres data source');
  return pool;
}
