import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthModule } from '@onewindow/auth';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { ClientsService } from './clients.service';
import { LoginAttemptEntity } from './entities/login-attempt.entity';
import { OAuthClientEntity } from './entities/oauth-client.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { UserAccountEntity } from './entities/user-account.entity';
import { IDENTITY_CONFIG, identityConfigFromEnv } from './identity.config';
import { IdentitySeedService } from './identity-seed.service';
import { LoginAttemptRepository } from './login-attempt.repository';
import { LoginService } from './login.service';
import { IdentityInit1767225601000 } from './migrations/1767225601000-identity-init';
import { OAuthClientRepository } from './oauth-client.repository';
import { OidcExchangeService } from './oidc-exchange.service';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionsService } from './sessions.service';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeyService } from './signing-key.service';
import { TokenIssuerService } from './token-issuer.service';
import { UserAccountRepository } from './user-account.repository';

export const identityEntities = [
  UserAccountEntity,
  LoginAttemptEntity,
  OAuthClientEntity,
  SigningKeyEntity,
  RefreshTokenEntity,
];
export const identityMigrations = [IdentityInit1767225601000];

/** The signing keys on their own, so AuthModule's verifier can be built from them. */
@Module({
  providers: [
    { provide: IDENTITY_CONFIG, useFactory: () => identityConfigFromEnv() },
    SigningKeyRepository,
    SigningKeyService,
  ],
  exports: [IDENTITY_CONFIG, SigningKeyService],
})
export class SigningKeysModule {}

/**
 * G2: the gateway's own login, refresh, client credentials, external OIDC exchange and JWKS.
 * It also installs AuthModule for the whole gateway: the global guard verifies tokens against the
 * gateway's own keys (local key set, no HTTP round trip to itself). Nothing else in the gateway may
 * import AuthModule.forRoot again.
 */
@Module({
  imports: [
    SigningKeysModule,
    AuthModule.forRootAsync({
      imports: [SigningKeysModule],
      inject: [SigningKeyService],
      useFactory: (keys: SigningKeyService) => keys.verifier,
    }),
  ],
  controllers: [AuthController],
  providers: [
    UserAccountRepository,
    LoginAttemptRepository,
    OAuthClientRepository,
    RefreshTokenRepository,
    AccountService,
    LoginService,
    SessionsService,
    ClientsService,
    OidcExchangeService,
    TokenIssuerService,
    IdentitySeedService,
  ],
  exports: [TokenIssuerService, SigningKeysModule],
})
export class IdentityModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * POST /auth/token also takes application/x-www-form-urlencoded bodies (what OAuth 2 clients
   * send). A flat parser on the root Fastify instance, unless something already registered one.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as
      | {
          hasContentTypeParser(t: string): boolean;
          addContentTypeParser(
            t: string,
            o: { parseAs: 'string'; bodyLimit?: number },
            fn: (req: unknown, body: string, done: (err: Error | null, v?: unknown) => void) => void,
          ): void;
        }
      | undefined;
    if (!fastify?.addContentTypeParser || fastify.hasContentTypeParser('application/x-www-form-urlencoded')) return;
    fastify.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => {
        const out = new Map<string, string>();
        for (const [k, v] of new URLSearchParams(body)) {
          // A repeated parameter is an error in OAuth 2 (RFC 6749 §3.2); refuse rather than pick one.
          if (out.has(k))
            return done(Object.assign(new Error(`参数 ${k} 重复 (duplicate parameter ${k})`), { statusCode: 400 }));
          out.set(k, v);
        }
        // fromEntries defines own properties, so a "__proto__" key is just an unknown field for the validator.
        done(null, Object.fromEntries(out));
      },
    );
  }
}
