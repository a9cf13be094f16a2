import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { afterCommit, installAfterCommit } from './after-commit';

/** The subscriber as TypeORM's broadcaster calls it, on a query runner stand-in (no database needed). */
function harness() {
  const ds = { subscribers: [] as EntitySubscriberInterface[] } as unknown as DataSource;
  installAfterCommit(ds);
  installAfterCommit(ds); // idempotent
  expect(ds.subscribers).toHaveLength(1);
  const sub = ds.subscribers[0];
  const qr = { isTransactionActive: true, data: {} } as unknown as QueryRunner;
  const m = { queryRunner: qr } as EntityManager;
  const end = (how: 'commit' | 'rollback', depthLeft = 0) => {
    (qr as { isTransactionActive: boolean }).isTransactionActive = depthLeft > 0;
    const e = { queryRunner: qr } as never;
    if (how === 'commit') sub.afterTransactionCommit!(e);
    else sub.afterTransactionRollback!(e);
  };
  return { m, qr, end };
}

describe('afterCommit', () => {
  it('runs the actions once the outermost transaction commits, once', () => {
    const { m, end } = harness();
    const ran: string[] = [];
    afterCommit(m, () => ran.push('a'));
    afterCommit(m, () => ran.push('b'));
    end('commit', 1); // a savepoint released: not yet
    expect(ran).toEqual([]);
    end('commit');
    expect(ran).toEqual(['a', 'b']);
    end('commit');
    expect(ran).toEqual(['a', 'b']);
  });

  it('drops them when the transaction rolls back', () => {
    const { m, end } = harness();
    const ran: string[] = [];
    afterCommit(m, () => ran.push('a'));
    end('rollback');
    end('commit');
    expect(ran).toEqual([]);
  });

  it('an action that throws does not stop the others', () => {
    const { m, end } = harness();
    const ran: string[] = [];
    afterCommit(m, () => {
      throw new Error('boom');
    });
    afterCommit(m, () => ran.push('b'));
    end('commit');
    expect(ran).toEqual(['b']);
  });

  it('refuses to run outside a transaction', () => {
    expect(() => afterCommit({ queryRunner: undefined } as EntityManager, () => undefined)).toThrow(
      /inside a transaction/,
    );
  });
});
