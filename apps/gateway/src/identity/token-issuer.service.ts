import { Inject, Injectable } from '@nestjs/common';
import { signPrincipalToken, type Principal } from '@onewindow/auth';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { SigningKeyService } from './signing-key.service';

export interface AccessToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** Mints the platform's access tokens: ES256, kid header, iss/aud/exp/iat/jti, claims per libs/auth claims.ts. */
@Injectable()
export class TokenIssuerService {
  constructor(
    private readonly keys: SigningKeyService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async issue(principal: Principal): Promise<AccessToken> {
    const { kid, privateKey } = this.keys.current();
    const t = await signPrincipalToken(principal, privateKey, {
      issuer: this.config.issuer,
      audience: this.config.audience,
      kid,
      ttlSeconds: this.config.accessTtlSeconds,
    });
    return { access_token: t.token, token_type: 'Bearer', expires_in: t.expiresIn };
  }
}
