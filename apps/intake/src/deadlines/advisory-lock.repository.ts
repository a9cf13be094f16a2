import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Session-level Postgres advisory locks: work that one replica at a time does (the clock). */
@Injectable()
export class AdvisoryLockRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Runs `fn` holding the lock named `name` on a connection of its own; `undefined` without running it when another holds it. */
  async withTryLock<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    const lock = this.ds.createQueryRunner();
    await lock.connect();
    try {
      const [{ got }] = await lock.query('select pg_try_advisory_lock(hashtext($1)) as got', [name]);
      if (!got) return undefined;
      try {
        return await fn();
      } finally {
        await lock.query('select pg_advisory_unlock(hashtext($1))', [name]);
      }
    } finally {
      await lock.release();
    }
  }
}
