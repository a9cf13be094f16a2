import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normaliseUsername } from './accounts';
import { UserAccount } from './entities/user-account.entity';
import { InvalidCredentialsError, LoginLockedError } from './errors';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { dummyHash, verifyPassword } from './password';

/**
 * Password login with lockout. Every attempt is counted *before* the password is checked (an atomic
 * upsert), so a burst of parallel guesses gets at most `maxFailedLogins` password checks, not one
 * per request that raced past the counter. Unknown usernames are counted and locked the same way,
 * and cost the same scrypt computation, so neither the answer, its timing nor the lockout tells
 * whether an account exists.
 */
@Injectable()
export class LoginService implements OnModuleInit, OnModuleDestroy {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** Rows for names nobody tried for a day are dead weight (a flood of made-up names would otherwise stay). */
  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purgeStale().catch(() => undefined), 3600_000);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
  }

  async purgeStale(): Promise<void> {
    await this.ds.query(`delete from login_attempt where updated_at < now() - interval '1 day' and (locked_until is null or locked_until < now())`);
  }

  async login(usernameIn: string, password: string): Promise<UserAccount> {
    const username = normaliseUsername(usernameIn);
    const max = this.config.maxFailedLogins;
    const [attempt] = (await this.ds.query(
      `insert into login_attempt as a (username, failures, locked_until, updated_at) values ($1, 1, null, now())
       on conflict (username) do update set
         -- an expired lock, or a day without attempts, starts a fresh count
         failures = case when a.locked_until <= now() or (a.locked_until is null and a.updated_at < now() - interval '1 day') then 1 else a.failures + 1 end,
         locked_until = case when a.locked_until <= now() then null else a.locked_until end,
         updated_at = now()
       returning failures, locked_until`,
      [username],
    )) as { failures: number; locked_until: Date | null }[];

    if (attempt.locked_until) throw new LoginLockedError(secondsUntil(attempt.locked_until));
    if (attempt.failures > max) throw new LoginLockedError(await this.lock(username));

    const account = await this.ds.getRepository(UserAccount).findOne({ where: { username } });
    const hash = account?.passwordHash ?? (await dummyHash());
    const ok = (await verifyPassword(password, hash)) && !!account?.passwordHash && !account.disabled;
    if (!ok) {
      if (attempt.failures >= max) await this.lock(username);
      throw new InvalidCredentialsError();
    }
    await this.ds.query(`delete from login_attempt where username = $1`, [username]);
    return account!;
  }

  /** Locks the name (if not already locked) and says for how many seconds. */
  private async lock(username: string): Promise<number> {
    // TypeORM's postgres driver answers an UPDATE ... RETURNING with [rows, affected].
    const [rows] = (await this.ds.query(
      `update login_attempt set locked_until = coalesce(locked_until, now() + make_interval(secs => $2)), updated_at = now() where username = $1 returning locked_until`,
      [username, this.config.lockoutSeconds],
    )) as [{ locked_until: Date }[], number];
    const until = rows[0]?.locked_until;
    return until ? secondsUntil(until) : this.config.lockoutSeconds;
  }
}

function secondsUntil(d: Date): number {
  return Math.max(1, Math.ceil((new Date(d).getTime() - Date.now()) / 1000));
}
