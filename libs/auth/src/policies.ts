import { ForbiddenException } from '@nestjs/common';
import { NotVisibleError } from '@onewindow/http';
import { divisionWithin } from './divisions';
import type { Principal, StaffPrincipal, SystemPrincipal } from './principal';

/*
 * Authorisation policies every service applies itself (01-architecture.md). Pure functions, so a
 * service can use them in a handler, a query filter or a saga step alike.
 *
 * 404 versus 403:
 * - Object level (S1): an object the caller may not see is reported exactly like one that does not
 *   exist (404, NotVisibleError). Another applicant's application, another department's task,
 *   another district's case: 404, so ids cannot be probed.
 * - Function level (S2): a route the caller's kind of principal may never use answers 403 (the
 *   route's existence is public knowledge, in the OpenAPI document). Use assertActsForDepartment
 *   when the department is named by the caller (in the path or body), not read from an object.
 */

/**
 * The owner key an applicant's objects are stored under.
 * - citizen: `citizen:<sub>`, the citizen's stable user id;
 * - enterprise: `enterprise:<uscc>`, the enterprise, not the agent: any agent the enterprise
 *   authorises sees the enterprise's applications, and a change of agent loses nothing.
 * The type prefix keeps the two namespaces apart. Staff, systems and the public own nothing.
 */
export function ownerSubjectOf(p: Principal): string | undefined {
  if (p.type === 'citizen') return `citizen:${p.sub}`;
  if (p.type === 'enterprise') return `enterprise:${p.uscc}`;
  return undefined;
}

/** True when the principal is the owner recorded on an object (see ownerSubjectOf). */
export function isOwner(p: Principal, ownerSubject: string): boolean {
  const mine = ownerSubjectOf(p);
  return mine !== undefined && mine === ownerSubject;
}

/** 404 unless the principal owns the object (S1). */
export function assertOwner(p: Principal, ownerSubject: string, what: string, id: string): void {
  if (!isOwner(p, ownerSubject)) throw new NotVisibleError(what, id);
}

/**
 * GB/T 2260 containment: city staff (120000) see the whole city; district staff their district and
 * the streets in it; street staff only their street (and its communities).
 */
export function canSeeDivision(p: StaffPrincipal, division: string): boolean {
  return divisionWithin(division, p.division);
}

/** 404 unless the principal is staff whose division contains the object's division. */
export function assertDivision(p: Principal, division: string, what: string, id: string): void {
  if (p.type !== 'staff' || !canSeeDivision(p, division)) throw new NotVisibleError(what, id);
}

/** The department a staff member or department system acts for, if any (window clerks have none). */
export function departmentOf(p: Principal): string | undefined {
  return p.type === 'staff' || p.type === 'system' ? p.department : undefined;
}

/** Object level: an object of another department is not visible: 404 (e.g. another department's task). */
export function assertDepartment(
  p: Principal,
  department: string,
  what: string,
  id: string,
): asserts p is StaffPrincipal | SystemPrincipal {
  if (departmentOf(p) !== department) throw new NotVisibleError(what, id);
}

/** Function level: acting for a department named by the caller that is not theirs: 403. */
export function assertActsForDepartment(
  p: Principal,
  department: string,
): asserts p is StaffPrincipal | SystemPrincipal {
  if (departmentOf(p) !== department) {
    throw new ForbiddenException({
      message: `无权代表部门 ${department} 操作 (forbidden: not acting for department ${department})`,
    });
  }
}

/** True for staff holding at least one of the roles (no roles given: any staff). */
export function isStaffWithRole(p: Principal, ...roles: string[]): p is StaffPrincipal {
  return p.type === 'staff' && (roles.length === 0 || p.roles.some((r) => roles.includes(r)));
}

/** True for a department system holding the scope. */
export function hasScope(p: Principal, scope: string): p is SystemPrincipal {
  return p.type === 'system' && p.scopes.includes(scope);
}
