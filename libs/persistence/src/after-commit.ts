import { Logger } from '@nestjs/common';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

const KEY = 'owAfterCommit';
const log = new Logger('after-commit');

/**
 * Runs `fn` once the caller's transaction has committed, never if it rolls back. For effects outside the
 * database that must follow the data, not precede it: an inbox run that fails later rolls back the rows
 * its handlers wrote, and an in-memory change made before would outlive them (and hide the loss, since
 * the next attempt would find the change already made). `fn` runs synchronously after COMMIT, before the
 * transaction's caller resumes: keep it short and start slow work detached.
 */
export function afterCommit(m: EntityManager, fn: () => void): void {
  const qr = m.queryRunner;
  if (!qr?.isTransactionActive) throw new Error('afterCommit must be called inside a transaction');
  ((qr.data[KEY] ??= []) as (() => void)[]).push(fn);
}

class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(e: TransactionCommitEvent): void {
    // Still active after a savepoint's release: only the outermost COMMIT counts.
    if (e.queryRunner.isTransactionActive) return;
    const fns = take(e.queryRunner.data);
    for (const fn of fns) {
      try {
        fn();
      } catch (err) {
        log.error({ err: (err as Error).message }, 'after-commit action failed');
      }
    }
  }

  afterTransactionRollback(e: TransactionRollbackEvent): void {
    if (!e.queryRunner.isTransactionActive) take(e.queryRunner.data);
  }
}

function take(data: Record<string, unknown> | undefined): (() => void)[] {
  const fns = (data?.[KEY] ?? []) as (() => void)[];
  if (data) delete data[KEY];
  return fns;
}

/** Installs the subscriber once per data source (idempotent). */
export function installAfterCommit(ds: DataSource): void {
  if (!ds.subscribers.some((s) => s instanceof AfterCommitSubscriber)) ds.subscribers.push(new AfterCommitSubscriber());
}
