import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { normaliseUsername } from './domain/accounts';
import { dummyHash, verifyPassword } from './domain/password';
import type { UserAccountEntity } from './entities/user-account.entity';
import { InvalidCredentialsError, LoginLockedError } from './errors';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { LoginAttemptRepository } from './login-attempt.repository';
import { UserAccountRepository } from './user-account.repository';

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
    private readonly attempts: LoginAttemptRepository,
    private readonly accounts: UserAccountRepository,
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
    await this.attempts.purgeStale();
  }

  async login(usernameIn: string, password: string): Promise<UserAccountEntity> {
    const username = normaliseUsername(usernameIn);
    const max = this.config.maxFailedLogins;
    const attempt = await this.attempts.count(username);

    if (attempt.locked_until) throw new LoginLockedError(secondsUntil(attempt.locked_until));
    if (attempt.failures > max) throw new LoginLockedError(await this.lock(username));

    const account = await this.accounts.findByUsername(username);
    const hash = account?.passwordHash ?? (await dummyHash());
    const ok = (await verifyPassword(password, hash)) && !!account?.passwordHash && !account.disabled;
    if (!ok) {
      if (attempt.failures >= max) await this.lock(username);
      throw new InvalidCredentialsError();
    }
    await this.attempts.clear(username);
    return account!;
  }

  /** Locks the name (if not already locked) and says for how many seconds. */
  private async lock(username: string): Promise<number> {
    const until = await this.attempts.lock(username, this.config.lockoutSeconds);
    return until ? secondsUntil(until) : this.config.lockoutSeconds;
  }
}

function secondsUntil(d: Date): number {
  return Math.max(1, Math.ceil((new Date(d).getTime() - Date.now()) / 1000));
}
