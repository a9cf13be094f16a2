import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdminLevel } from '@onewindow/auth';
import demo from './data/demo-identities.json';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { hashPassword } from './password';

interface SeedUser {
  id: string;
  username: string;
  type: 'citizen' | 'enterprise' | 'staff';
  displayName: string;
  residentId?: string;
  uscc?: string;
  agentUsername?: string;
  department?: string;
  orgUnit?: string;
  division?: string;
  level?: AdminLevel;
  roles?: string[];
}
interface SeedClient {
  clientId: string;
  name: string;
  department: string;
  scopes: string[];
}
export interface IdentitySeed {
  demoPassword: string;
  users: SeedUser[];
  clients: SeedClient[];
}

export const DEMO_IDENTITIES = demo as IdentitySeed;

/**
 * Inserts the demo accounts and clients that are missing; never touches existing ones (a changed
 * password or role stays changed). Under an advisory lock so replicas starting together agree.
 */
export async function seedIdentities(ds: DataSource, seed: IdentitySeed = DEMO_IDENTITIES): Promise<{ users: number; clients: number }> {
  const byUsername = new Map(seed.users.map((u) => [u.username, u]));
  return ds.transaction(async (m) => {
    await m.query(`select pg_advisory_xact_lock(hashtext('gateway:seed-identities'))`);
    const haveUsers = new Set<string>((await m.query(`select username from user_account where username = any($1)`, [seed.users.map((u) => u.username)])).map((r: { username: string }) => r.username));
    const haveClients = new Set<string>((await m.query(`select client_id from oauth_client where client_id = any($1)`, [seed.clients.map((c) => c.clientId)])).map((r: { client_id: string }) => r.client_id));
    let users = 0;
    for (const u of seed.users) {
      if (haveUsers.has(u.username)) continue;
      const agent = u.agentUsername ? byUsername.get(u.agentUsername) : undefined;
      if (u.agentUsername && !agent) throw new Error(`seed: agent ${u.agentUsername} of ${u.username} is not in the seed`);
      await m.query(
        `insert into user_account (id, username, password_hash, principal_type, display_name, resident_id, uscc, agent_sub, department, org_unit, division, level, roles)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict do nothing`,
        [u.id, u.username, await hashPassword(seed.demoPassword), u.type, u.displayName, u.residentId ?? null, u.uscc ?? null, agent?.id ?? null, u.department ?? null, u.orgUnit ?? null, u.division ?? null, u.level ?? null, u.roles ?? []],
      );
      users++;
    }
    let clients = 0;
    for (const c of seed.clients) {
      if (haveClients.has(c.clientId)) continue;
      await m.query(`insert into oauth_client (client_id, name, secret_hash, department, scopes) values ($1, $2, $3, $4, $5) on conflict do nothing`, [
        c.clientId,
        c.name,
        await hashPassword(seed.demoPassword),
        c.department,
        c.scopes,
      ]);
      clients++;
    }
    return { users, clients };
  });
}

@Injectable()
export class IdentitySeeder implements OnModuleInit {
  private readonly log = new Logger('identity-seed');
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.seedDemo) return;
    const r = await seedIdentities(this.ds);
    if (r.users || r.clients) this.log.warn(`seeded ${r.users} demo accounts and ${r.clients} demo clients (password 'OneWindow#2026', demo only; OW_SEED_DEMO=false to skip)`);
  }
}
