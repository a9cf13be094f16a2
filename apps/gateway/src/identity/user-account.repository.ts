import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminLevel } from '@onewindow/auth';
import { DataSource, EntityManager } from 'typeorm';
import { UserAccountEntity, type AccountType } from './entities/user-account.entity';

/** A demo account as the seed inserts it (`agentSub` already resolved to the agent's id). */
export interface SeededAccountRow {
  id: string;
  username: string;
  passwordHash: string;
  type: AccountType;
  displayName: string;
  residentId: string | null;
  uscc: string | null;
  agentSub: string | null;
  department: string | null;
  orgUnit: string | null;
  division: string | null;
  level: AdminLevel | null;
  roles: string[];
}

/** An account created by the external OIDC exchange: no password, linked to (issuer, subject). */
export interface ExternalAccountRow {
  id: string;
  username: string;
  displayName: string;
  issuer: string;
  subject: string;
}

/** The queries of `user_account`. */
@Injectable()
export class UserAccountRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findById(id: string, m: EntityManager = this.ds.manager): Promise<UserAccountEntity | null> {
    return m.getRepository(UserAccountEntity).findOne({ where: { id } });
  }

  /** By the lower-cased username. */
  findByUsername(username: string): Promise<UserAccountEntity | null> {
    return this.ds.getRepository(UserAccountEntity).findOne({ where: { username } });
  }

  findByExternal(issuer: string, subject: string): Promise<UserAccountEntity | null> {
    return this.ds
      .getRepository(UserAccountEntity)
      .findOne({ where: { externalIssuer: issuer, externalSubject: subject } });
  }

  findByExternalOrFail(issuer: string, subject: string): Promise<UserAccountEntity> {
    return this.ds
      .getRepository(UserAccountEntity)
      .findOneOrFail({ where: { externalIssuer: issuer, externalSubject: subject } });
  }

  /** Inserts the linked account unless it exists (a concurrent first use inserted it): the caller reads it back. */
  async insertExternal(a: ExternalAccountRow): Promise<void> {
    await this.ds.query(
      `insert into user_account (id, username, password_hash, principal_type, display_name, external_issuer, external_subject)
       values ($1, $2, null, 'citizen', $3, $4, $5) on conflict do nothing`,
      [a.id, a.username, a.displayName, a.issuer, a.subject],
    );
  }

  /** Serialises seeding (accounts and clients) across replicas starting together, for the caller's transaction. */
  async lockSeeding(m: EntityManager): Promise<void> {
    await m.query(`select pg_advisory_xact_lock(hashtext('gateway:seed-identities'))`);
  }

  /** Which of these usernames exist. */
  async existingUsernames(m: EntityManager, usernames: string[]): Promise<Set<string>> {
    return new Set<string>(
      (await m.query(`select username from user_account where username = any($1)`, [usernames])).map(
        (r: { username: string }) => r.username,
      ),
    );
  }

  async insertSeeded(m: EntityManager, a: SeededAccountRow): Promise<void> {
    await m.query(
      `insert into user_account (id, username, password_hash, principal_type, display_name, resident_id, uscc, agent_sub, department, org_unit, division, level, roles)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict do nothing`,
      [
        a.id,
        a.username,
        a.passwordHash,
        a.type,
        a.displayName,
        a.residentId,
        a.uscc,
        a.agentSub,
        a.department,
        a.orgUnit,
        a.division,
        a.level,
        a.roles,
      ],
    );
  }
}
