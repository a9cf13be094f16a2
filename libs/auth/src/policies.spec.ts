import { ForbiddenException, HttpStatus } from '@nestjs/common';
import { NotVisibleError } from '@onewindow/http';
import { divisionWithin, levelOfDivision, parentDivision } from './divisions';
import {
  assertActsForDepartment,
  assertDepartment,
  assertDivision,
  assertOwner,
  canSeeDivision,
  hasScope,
  isOwner,
  isStaffWithRole,
  ownerSubjectOf,
} from './policies';
import {
  PUBLIC_PRINCIPAL,
  type CitizenPrincipal,
  type EnterprisePrincipal,
  type StaffPrincipal,
  type SystemPrincipal,
} from './principal';

const citizen: CitizenPrincipal = { type: 'citizen', sub: 'u-1', name: '张三' };
const otherCitizen: CitizenPrincipal = { type: 'citizen', sub: 'u-2', name: '李四' };
const enterprise: EnterprisePrincipal = {
  type: 'enterprise',
  sub: 'e-1',
  name: '示例公司',
  uscc: '91120101MA05T8K25N',
  agentSub: 'u-2',
};
const sameEnterpriseOtherAgent: EnterprisePrincipal = { ...enterprise, sub: 'e-2', agentSub: 'u-3' };
const staff = (
  division: string,
  level: StaffPrincipal['level'],
  extra: Partial<StaffPrincipal> = {},
): StaffPrincipal => ({
  type: 'staff',
  sub: 's',
  name: 'n',
  orgUnit: 'o',
  division,
  level,
  roles: ['reviewer'],
  ...extra,
});
const cityStaff = staff('120000', 'city');
const heping = staff('120101', 'district');
const quanyechang = staff('120101001', 'street');
const taxSystem: SystemPrincipal = { type: 'system', sub: 'sw-system', department: 'SW', scopes: ['tasks:read'] };

function statusOf(fn: () => void): number | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { getStatus?: () => number }).getStatus?.();
  }
}

describe('divisions (GB/T 2260)', () => {
  it('knows levels', () => {
    expect(levelOfDivision('120000')).toBe('city');
    expect(levelOfDivision('120101')).toBe('district');
    expect(levelOfDivision('120101001')).toBe('street');
    expect(levelOfDivision('120101001001')).toBe('community');
    expect(levelOfDivision('12010')).toBeUndefined();
    expect(levelOfDivision('abcdef')).toBeUndefined();
  });
  it('contains', () => {
    expect(divisionWithin('120101', '120000')).toBe(true);
    expect(divisionWithin('120101001', '120000')).toBe(true);
    expect(divisionWithin('120101001', '120101')).toBe(true);
    expect(divisionWithin('120101001001', '120101001')).toBe(true);
    expect(divisionWithin('120104', '120101')).toBe(false);
    expect(divisionWithin('120104001', '120101')).toBe(false);
    expect(divisionWithin('120101', '120101001')).toBe(false);
    expect(divisionWithin('110101', '120000')).toBe(false);
    expect(divisionWithin('1201010', '120000')).toBe(false);
    // A district code that happens to prefix a longer district-like code must not match it.
    expect(divisionWithin('1201011', '120101')).toBe(false);
  });
  it('has parents', () => {
    expect(parentDivision('120101001')).toBe('120101');
    expect(parentDivision('120101')).toBe('120000');
    expect(parentDivision('120000')).toBeUndefined();
  });
});

describe('ownership (S1)', () => {
  it('citizens own by user id, enterprises by USCC', () => {
    expect(ownerSubjectOf(citizen)).toBe('citizen:u-1');
    expect(ownerSubjectOf(enterprise)).toBe('enterprise:91120101MA05T8K25N');
    expect(ownerSubjectOf(cityStaff)).toBeUndefined();
    expect(ownerSubjectOf(PUBLIC_PRINCIPAL)).toBeUndefined();
    expect(isOwner(sameEnterpriseOtherAgent, 'enterprise:91120101MA05T8K25N')).toBe(true);
  });
  it('another applicant gets 404, not 403', () => {
    expect(() => assertOwner(citizen, 'citizen:u-1', '申请', 'A1')).not.toThrow();
    expect(() => assertOwner(otherCitizen, 'citizen:u-1', '申请', 'A1')).toThrow(NotVisibleError);
    expect(statusOf(() => assertOwner(otherCitizen, 'citizen:u-1', '申请', 'A1'))).toBe(HttpStatus.NOT_FOUND);
    expect(statusOf(() => assertOwner(cityStaff, 'citizen:u-1', '申请', 'A1'))).toBe(404);
    expect(statusOf(() => assertOwner(PUBLIC_PRINCIPAL, 'citizen:u-1', '申请', 'A1'))).toBe(404);
    // A citizen whose user id equals a USCC still does not own the enterprise's objects.
    expect(isOwner({ ...citizen, sub: enterprise.uscc }, ownerSubjectOf(enterprise)!)).toBe(false);
  });
});

describe('division scope', () => {
  it('city staff see everything in the city', () => {
    expect(canSeeDivision(cityStaff, '120104')).toBe(true);
    expect(canSeeDivision(cityStaff, '120101003')).toBe(true);
    expect(canSeeDivision(cityStaff, '110105')).toBe(false);
  });
  it('district staff see their district and its streets only', () => {
    expect(canSeeDivision(heping, '120101')).toBe(true);
    expect(canSeeDivision(heping, '120101002')).toBe(true);
    expect(canSeeDivision(heping, '120104')).toBe(false);
    expect(canSeeDivision(heping, '120000')).toBe(false);
  });
  it('street staff see their street only', () => {
    expect(canSeeDivision(quanyechang, '120101001')).toBe(true);
    expect(canSeeDivision(quanyechang, '120101002')).toBe(false);
    expect(canSeeDivision(quanyechang, '120101')).toBe(false);
  });
  it('assertDivision answers 404 for objects out of scope and for non-staff', () => {
    expect(() => assertDivision(heping, '120101001', '案件', 'C1')).not.toThrow();
    expect(statusOf(() => assertDivision(heping, '120104', '案件', 'C1'))).toBe(404);
    expect(statusOf(() => assertDivision(citizen, '120101', '案件', 'C1'))).toBe(404);
  });
});

describe('departments', () => {
  const scjgReviewer = staff('120000', 'city', { department: 'SCJG' });
  const clerk = staff('120000', 'city', { roles: ['window-clerk'] });
  it('object of another department: 404', () => {
    expect(() => assertDepartment(scjgReviewer, 'SCJG', '任务', 'T1')).not.toThrow();
    expect(() => assertDepartment(taxSystem, 'SW', '任务', 'T1')).not.toThrow();
    expect(statusOf(() => assertDepartment(scjgReviewer, 'SW', '任务', 'T1'))).toBe(404);
    expect(statusOf(() => assertDepartment(taxSystem, 'SCJG', '任务', 'T1'))).toBe(404);
    expect(statusOf(() => assertDepartment(clerk, 'SCJG', '任务', 'T1'))).toBe(404);
    expect(statusOf(() => assertDepartment(citizen, 'SCJG', '任务', 'T1'))).toBe(404);
  });
  it('acting for another department: 403', () => {
    expect(() => assertActsForDepartment(scjgReviewer, 'SCJG')).not.toThrow();
    expect(() => assertActsForDepartment(scjgReviewer, 'SW')).toThrow(ForbiddenException);
    expect(statusOf(() => assertActsForDepartment(citizen, 'SW'))).toBe(403);
  });
});

describe('roles and scopes', () => {
  it('isStaffWithRole', () => {
    expect(isStaffWithRole(cityStaff, 'reviewer')).toBe(true);
    expect(isStaffWithRole(cityStaff, 'approver', 'reviewer')).toBe(true);
    expect(isStaffWithRole(cityStaff, 'approver')).toBe(false);
    expect(isStaffWithRole(cityStaff)).toBe(true);
    expect(isStaffWithRole(citizen, 'reviewer')).toBe(false);
  });
  it('hasScope', () => {
    expect(hasScope(taxSystem, 'tasks:read')).toBe(true);
    expect(hasScope(taxSystem, 'tasks:decide')).toBe(false);
    expect(hasScope(cityStaff, 'tasks:read')).toBe(false);
  });
});
