import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The count after an attempt, and the lock if the name is locked. */
export interface AttemptCount {
  failures: number;
  locked_until: Date | null;
}

/** The queries of `login_attempt` (consecutive failures per username). */
@Injectable()
export class LoginAttemptRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async purgeStale(): Promise<void> {
    await this.ds.query(
      `delete from login_attempt where updated_at < now() - interval '1 day' and (locked_until is null or locked_until < now())`,
    );
  }

  /** Counts an attempt on the name in one atomic upsert and returns the count and any lock still running. */
  async count(username: string): Promise<AttemptCount> {
    const [attempt] = (await this.ds.query(
      `insert into login_attempt as a (username, failures, locked_until, updated_at) values ($1, 1, null, now())
       on conflict (username) do update set
         -- an expired lock, or a day without attempts, starts a fresh count
         failures = case when a.locked_until <= now() or (a.locked_until is null and a.updated_at < now() - interval '1 day') then 1 else a.failures + 1 end,
         locked_until = case when a.locked_until <= now() then null else a.locked_until end,
         updated_at = now()
       returning failures, locked_until`,
      [username],
    )) as AttemptCount[];
    return attempt;
  }

  /** Locks the name for `lockoutSeconds` unless already locked; the lock's end, if the row exists. */
  async lock(username: string, lockoutSeconds: number): Promise<Date | undefined> {
    // TypeORM's postgres driver answers an UPDATE ... RETURNING with [rows, affected].
    const [rows] = (await this.ds.query(
      `update login_attempt set locked_until = coalesce(locked_until, now() + make_interval(secs => $2)), updated_at = now() where username = $1 returning locked_until`,
      [username, lockoutSeconds],
    )) as [{ locked_until: Date }[], number];
    return rows[0]?.locked_until;
  }

  async clear(username: string): Promise<void> {
    await this.ds.query(`delete from login_attempt where username = $1`, [username]);
  }
}
