import { createTestDatabase, TestDatabase } from '@onewindow/testing';
import { Column, CreateDateColumn, DataSource, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BlockAllocator, createServiceDataSource, MultiInsert, pgPool } from '../src';

@Entity('parent')
class Parent {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('jsonb') detail!: Record<string, unknown>;
  @Column('date', { nullable: true }) dueOn!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity('child')
class Child {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: string;
  @Column('uuid') parentId!: string;
  @Column('text') label!: string;
  @Column('int', { default: 0 }) attempts!: number;
}

// MultiInsert and BlockAllocator against the real Postgres of deploy/local/infra.sh.
describe('MultiInsert: several tables in one statement (real Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let insert: MultiInsert;
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  beforeAll(async () => {
    db = await createTestDatabase('multi_insert');
    ds = await createServiceDataSource({
      database: db.connection.database,
      connection: db.connection,
      entities: [Parent, Child],
      migrations: [],
      poolSize: 4,
    }).initialize();
    await ds.query(
      `create table parent (id uuid primary key, name text not null unique, detail jsonb not null, due_on date, created_at timestamptz not null default now())`,
    );
    await ds.query(
      `create table child (seq bigserial primary key, parent_id uuid not null references parent (id), label text not null, attempts int not null default 0)`,
    );
    await ds.query(`create table counter (key text primary key, last int not null)`);
    insert = new MultiInsert(ds, [{ target: Parent }, { target: Child, omit: ['attempts'] }]);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('writes every part, children referring to a parent of the same statement; defaults for generated and omitted columns', async () => {
    await insert.run([
      [{ id: id(1), name: '甲', detail: { nested: { a: [1, 2] } }, dueOn: '2026-12-01' }],
      [
        { parentId: id(1), label: 'x' },
        { parentId: id(1), label: 'y' },
      ],
    ]);
    const [p] = await ds.query(
      `select name, detail, due_on::text as due_on, created_at is not null as stamped from parent where id = $1`,
      [id(1)],
    );
    expect(p).toEqual({ name: '甲', detail: { nested: { a: [1, 2] } }, due_on: '2026-12-01', stamped: true });
    const children = await ds.query(`select label, attempts from child where parent_id = $1 order by seq`, [id(1)]);
    expect(children).toEqual([
      { label: 'x', attempts: 0 },
      { label: 'y', attempts: 0 },
    ]);
  });

  it('is one transaction: a failing part leaves nothing of the others', async () => {
    // The second parent repeats a unique name: the whole statement fails, the first parent and the child included.
    await expect(
      insert.run([
        [
          { id: id(2), name: '乙', detail: {} },
          { id: id(3), name: '甲', detail: {} },
        ],
        [{ parentId: id(2), label: 'z' }],
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await ds.query(`select id from parent where id in ($1, $2)`, [id(2), id(3)])).toEqual([]);
    expect(await ds.query(`select label from child where label = 'z'`)).toEqual([]);
  });

  it("runs inside the caller's transaction, and rolls back with it", async () => {
    await expect(
      ds.transaction(async (m) => {
        await insert.runIn(m, [[{ id: id(4), name: '丙', detail: {} }], []]);
        expect(await m.query(`select name from parent where id = $1`, [id(4)])).toEqual([{ name: '丙' }]);
        throw new Error('the caller fails after the insert');
      }),
    ).rejects.toThrow('the caller fails');
    expect(await ds.query(`select name from parent where id = $1`, [id(4)])).toEqual([]);
    await expect(ds.transaction(async () => insert.runIn(ds.manager, [[], []]))).rejects.toThrow('open transaction');
  });

  it('grouped: concurrent writes share statements; a duplicate among them fails alone and the rest are stored', async () => {
    const grouped = insert.grouped({ maxInFlight: 1, maxBatch: 8 });
    const n = 30;
    const results = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        grouped.write([
          // Write 17 repeats the name of write 3: only write 17 may fail.
          [{ id: id(100 + i), name: i === 17 ? '并发-3' : `并发-${i}`, detail: { i } }],
          [{ parentId: id(100 + i), label: `c${i}` }],
        ]),
      ),
    );
    expect(results.map((r, i) => (r.status === 'rejected' ? i : -1)).filter((i) => i >= 0)).toEqual([17]);
    expect((results[17] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    const stored = await ds.query(
      `select p.detail->>'i' as i, c.label from parent p join child c on c.parent_id = p.id where p.name like '并发-%' order by (p.detail->>'i')::int`,
    );
    expect(stored).toEqual(
      Array.from({ length: n }, (_, i) => i)
        .filter((i) => i !== 17)
        .map((i) => ({ i: String(i), label: `c${i}` })),
    );
    // Grouped: far fewer statements than writes (the group holding write 17 is retried one by one).
    expect(grouped.stats.statements).toBeLessThan(n);
    expect(grouped.stats.retriedAlone).toBeGreaterThan(0);
  });

  it('BlockAllocator: numbers unique across allocators sharing a counter, one reservation per block', async () => {
    let reservations = 0;
    const reserve = async (key: string, size: number) => {
      reservations++;
      const { rows } = await pgPool(ds).query(
        `insert into counter (key, last) values ($1, $2) on conflict (key) do update set last = counter.last + $2 returning last`,
        [key, size],
      );
      return Array.from({ length: size }, (_, i) => rows[0].last - size + 1 + i);
    };
    const a = new BlockAllocator(reserve, 10);
    const b = new BlockAllocator(reserve, 10);
    const got = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).next('k')));
    expect(new Set(got).size).toBe(100);
    expect(Math.min(...got)).toBe(1);
    expect(Math.max(...got)).toBe(100);
    expect(reservations).toBe(10);
  });
});
