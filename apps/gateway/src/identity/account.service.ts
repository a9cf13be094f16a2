import { Injectable } from '@nestjs/common';
import type { UserAccountEntity } from './entities/user-account.entity';
import { UserAccountRepository } from './user-account.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's own account (GET /auth/me). */
@Injectable()
export class AccountService {
  constructor(private readonly accounts: UserAccountRepository) {}

  /** The account a principal's `sub` names, or null: a valid token whose sub is not one of our account ids (another issuer's key, test tokens) has none here. */
  async ownAccount(sub: string): Promise<UserAccountEntity | null> {
    return UUID.test(sub) ? this.accounts.findById(sub) : null;
  }
}
