import { Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ALLOWED_ALGORITHMS, CLOCK_TOLERANCE_SECONDS, toHttpError } from '@onewindow/auth';
import type { UserAccountEntity } from './entities/user-account.entity';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { UserAccountRepository } from './user-account.repository';

/**
 * Acceptance of an external OIDC issuer by configuration (G2): an ID token from that issuer,
 * verified against its JWKS, is exchanged for a platform citizen token. The external `sub` is
 * linked to a platform account created on first use; the platform `sub` is that account's id, so
 * tokens and applications never carry the external identifier.
 */
@Injectable()
export class OidcExchangeService {
  private jwks?: JWTVerifyGetKey;

  constructor(
    private readonly accounts: UserAccountRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  get enabled(): boolean {
    return !!this.config.oidc;
  }

  async exchange(idToken: string): Promise<UserAccountEntity> {
    const oidc = this.config.oidc;
    if (!oidc) throw new NotFoundException({ message: '未配置外部身份提供方 (no external OIDC issuer configured)' });
    this.jwks ??= createRemoteJWKSet(new URL(oidc.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        issuer: oidc.issuer,
        audience: oidc.audience,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (e) {
      throw toHttpError(e);
    }
    const sub = payload.sub!;
    if (sub.length > 255) throw new UnauthorizedException({ message: '外部令牌的 sub 无效 (invalid external sub)' });
    const name =
      [payload.name, payload.preferred_username]
        .find((v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= 100)
        ?.trim() ?? '外部用户';
    const account = await this.linkedAccount(oidc.issuer, sub, name);
    if (account.disabled) throw new UnauthorizedException({ message: '账户已停用 (account disabled)' });
    return account;
  }

  /** The account linked to (issuer, sub), created on first use; concurrent first uses make one account. */
  private async linkedAccount(issuer: string, subject: string, name: string): Promise<UserAccountEntity> {
    const existing = await this.accounts.findByExternal(issuer, subject);
    if (existing) return existing;
    const username = `oidc-${createHash('sha256').update(`${issuer}\n${subject}`).digest('hex').slice(0, 24)}`;
    await this.accounts.insertExternal({ id: randomUUID(), username, displayName: name, issuer, subject });
    return this.accounts.findByExternalOrFail(issuer, subject);
  }
}
