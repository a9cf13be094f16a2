import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEMO_IDENTITIES, type IdentitySeed } from './demo-identities';
import { hashPassword } from './domain/password';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { OAuthClientRepository } from './oauth-client.repository';
import { UserAccountRepository } from './user-account.repository';

/** Seeds the demo accounts and clients at start, unless OW_SEED_DEMO=false. */
@Injectable()
export class IdentitySeedService implements OnModuleInit {
  private readonly log = new Logger('identity-seed');
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: UserAccountRepository,
    private readonly clients: OAuthClientRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.seedDemo) return;
    const r = await this.seed();
    if (r.users || r.clients)
      this.log.warn(
        `seeded ${r.users} demo accounts and ${r.clients} demo clients (password 'OneWindow#2026', demo only; OW_SEED_DEMO=false to skip)`,
      );
  }

  /**
   * Inserts the demo accounts and clients that are missing; never touches existing ones (a changed
   * password or role stays changed). Under an advisory lock so replicas starting together agree.
   */
  async seed(seed: IdentitySeed = DEMO_IDENTITIES): Promise<{ users: number; clients: number }> {
    const byUsername = new Map(seed.users.map((u) => [u.username, u]));
    return this.ds.transaction(async (m) => {
      await this.accounts.lockSeeding(m);
      const haveUsers = await this.accounts.existingUsernames(
        m,
        seed.users.map((u) => u.username),
      );
      const haveClients = await this.clients.existingClientIds(
        m,
        seed.clients.map((c) => c.clientId),
      );
      let users = 0;
      for (const u of seed.users) {
        if (haveUsers.has(u.username)) continue;
        const agent = u.agentUsername ? byUsername.get(u.agentUsername) : undefined;
        if (u.agentUsername && !agent)
          throw new Error(`seed: agent ${u.agentUsername} of ${u.username} is not in the seed`);
        await this.accounts.insertSeeded(m, {
          id: u.id,
          username: u.username,
          passwordHash: await hashPassword(seed.demoPassword),
          type: u.type,
          displayName: u.displayName,
          residentId: u.residentId ?? null,
          uscc: u.uscc ?? null,
          agentSub: agent?.id ?? null,
          department: u.department ?? null,
          orgUnit: u.orgUnit ?? null,
          division: u.division ?? null,
          level: u.level ?? null,
          roles: u.roles ?? [],
        });
        users++;
      }
      let clients = 0;
      for (const c of seed.clients) {
        if (haveClients.has(c.clientId)) continue;
        await this.clients.insertSeeded(m, {
          clientId: c.clientId,
          name: c.name,
          secretHash: await hashPassword(seed.demoPassword),
          department: c.department,
          scopes: c.scopes,
        });
        clients++;
      }
      return { users, clients };
    });
  }
}
