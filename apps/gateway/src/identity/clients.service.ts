import { BadRequestException, Injectable } from '@nestjs/common';
import type { SystemPrincipal } from '@onewindow/auth';
import { dummyHash, verifyPassword } from './domain/password';
import { InvalidClientError } from './errors';
import { OAuthClientRepository } from './oauth-client.repository';

/** OAuth 2 client credentials for department systems (G2, G7): a `system` principal scoped to its department. */
@Injectable()
export class ClientsService {
  constructor(private readonly clients: OAuthClientRepository) {}

  async authenticate(clientId: string, secret: string, requestedScope?: string): Promise<SystemPrincipal> {
    const client = await this.clients.findByClientId(clientId);
    const ok =
      (await verifyPassword(secret, client?.secretHash ?? (await dummyHash()))) && !!client && !client.disabled;
    if (!ok) throw new InvalidClientError();
    const requested = requestedScope?.split(' ').filter(Boolean);
    if (requested) {
      const extra = requested.filter((s) => !client!.scopes.includes(s));
      if (extra.length) {
        throw new BadRequestException({
          message: `请求的范围超出授权 (invalid scope: ${extra.join(' ')})`,
          details: { oauthError: 'invalid_scope', notGranted: extra },
        });
      }
    }
    return {
      type: 'system',
      sub: client!.clientId,
      department: client!.department,
      scopes: requested ?? [...client!.scopes],
    };
  }
}
