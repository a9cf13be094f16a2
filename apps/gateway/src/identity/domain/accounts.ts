import type { Principal } from '@onewindow/auth';
import type { UserAccountEntity } from '../entities/user-account.entity';

/** The principal an account logs in as. Built fresh at every login and refresh, so role changes apply within one token lifetime. */
export function principalOfAccount(a: UserAccountEntity): Principal {
  switch (a.principalType) {
    case 'citizen':
      return { type: 'citizen', sub: a.id, name: a.displayName };
    case 'enterprise':
      return { type: 'enterprise', sub: a.id, name: a.displayName, uscc: a.uscc!, agentSub: a.agentSub! };
    case 'staff': {
      const p = {
        type: 'staff' as const,
        sub: a.id,
        name: a.displayName,
        orgUnit: a.orgUnit!,
        division: a.division!,
        level: a.level!,
        roles: [...a.roles],
      };
      return a.department ? { ...p, department: a.department } : p;
    }
  }
}

/** The account as its owner may see it: the resident ID is shown here and nowhere else. */
export function ownAccountView(a: UserAccountEntity) {
  return {
    username: a.username,
    displayName: a.displayName,
    type: a.principalType,
    ...(a.residentId ? { residentId: a.residentId } : {}),
    ...(a.uscc ? { uscc: a.uscc } : {}),
    ...(a.externalIssuer ? { externalIssuer: a.externalIssuer } : {}),
  };
}

export function normaliseUsername(u: string): string {
  return u.trim().toLowerCase();
}
