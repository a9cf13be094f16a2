import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { UserAccountEntity } from './entities/user-account.entity';
import { InvalidRefreshTokenError } from './errors';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { RefreshTokenRepository } from './refresh-token.repository';
import { UserAccountRepository } from './user-account.repository';

const PREFIX = 'owr_';
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens (login sessions). A session lasts at most `refreshTtlSeconds` from login: each
 * refresh gives a new token with the same end, so a stolen token cannot be kept alive forever.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tokens: RefreshTokenRepository,
    private readonly accounts: UserAccountRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** A new session for the account (login, OIDC exchange). */
  async start(userId: string, m: EntityManager = this.ds.manager): Promise<string> {
    return this.insert(m, userId, randomUUID(), new Date(Date.now() + this.config.refreshTtlSeconds * 1000)).then(
      (r) => r.token,
    );
  }

  /**
   * Exchanges a refresh token for the next one. A token presented after it was already used means
   * two parties hold it: the whole family is revoked and both must log in again.
   */
  async rotate(token: string): Promise<{ account: UserAccountEntity; refreshToken: string }> {
    const outcome = await this.ds.transaction(async (m) => {
      const row = await this.tokens.findByHashForUpdate(m, hashOf(token));
      if (!row) return { kind: 'invalid' as const };
      if (row.revokedAt) {
        await this.tokens.revokeFamily(row.familyId, m);
        return { kind: 'invalid' as const };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const account = await this.accounts.findById(row.userId, m);
      if (!account || account.disabled) return { kind: 'invalid' as const };
      const next = await this.insert(m, row.userId, row.familyId, row.expiresAt);
      await this.tokens.markReplaced(m, row.id, next.id);
      return { kind: 'ok' as const, account, refreshToken: next.token };
    });
    // Thrown outside the transaction so that a family revocation is committed, not rolled back.
    if (outcome.kind !== 'ok') throw new InvalidRefreshTokenError();
    return { account: outcome.account, refreshToken: outcome.refreshToken };
  }

  /** Logout: revokes the token's whole family. Unknown tokens are ignored (logout is idempotent). */
  async revoke(token: string): Promise<void> {
    const row = await this.tokens.findByHash(hashOf(token));
    if (row) await this.tokens.revokeFamily(row.familyId);
  }

  private async insert(
    m: EntityManager,
    userId: string,
    familyId: string,
    expiresAt: Date,
  ): Promise<{ id: string; token: string }> {
    const token = PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.tokens.insert(m, {
      id,
      tokenHash: hashOf(token),
      userId,
      familyId,
      expiresAt,
      revokedAt: null,
      replacedBy: null,
    });
    return { id, token };
  }
}
