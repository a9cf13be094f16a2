/**
 * Principals (01-architecture.md, "Identity and authorisation"). The gateway's token carries these
 * claims; every service rebuilds the principal from a verified token and authorises on its own.
 */
export type AdminLevel = 'city' | 'district' | 'street' | 'community';

export interface CitizenPrincipal {
  type: 'citizen';
  /** Stable user id (not the ID number, which is personal data). */
  sub: string;
  name: string;
}

export interface EnterprisePrincipal {
  type: 'enterprise';
  sub: string;
  /** The enterprise's unified social credit code. */
  uscc: string;
  name: string;
  /** The authorised agent acting for the enterprise. */
  agentSub: string;
}

export interface StaffPrincipal {
  type: 'staff';
  sub: string;
  name: string;
  /** Department code, e.g. 'TJ-AMR' (market regulation); absent for centre staff with no department. */
  department?: string;
  /** The org unit (service centre or department office) the person works in. */
  orgUnit: string;
  /** GB/T 2260 code of the division the org unit belongs to: 120000 city, 1201xx district, 9 digits street. */
  division: string;
  level: AdminLevel;
  roles: string[];
}

export interface SystemPrincipal {
  type: 'system';
  /** Client id of the department system. */
  sub: string;
  department: string;
  scopes: string[];
}

export interface PublicPrincipal {
  type: 'public';
  sub: 'anonymous';
}

export type Principal = CitizenPrincipal | EnterprisePrincipal | StaffPrincipal | SystemPrincipal | PublicPrincipal;
export type PrincipalType = Principal['type'];

export const PUBLIC_PRINCIPAL: PublicPrincipal = { type: 'public', sub: 'anonymous' };

/** Staff roles the platform knows; departments may add their own. */
export const Roles = {
  windowClerk: 'window-clerk',
  reviewer: 'reviewer',
  approver: 'approver',
  supervisor: 'supervisor',
  catalogueAdmin: 'catalogue-admin',
  platformAdmin: 'platform-admin',
} as const;
