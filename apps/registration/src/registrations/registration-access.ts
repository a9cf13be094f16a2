import { canSeeDivision, isOwner, isStaffWithRole, Roles, type Principal } from '@onewindow/auth';
import { maskPhone, maskResidentId } from '@onewindow/codes';
import { authorityForDivision } from '../authorities/authorities';
import { DEPARTMENT_NAMES, MARKET_REGULATION_DEPARTMENTS, STEP_TITLES } from '../steps/departments';
import type { RegistrationStepEntity } from '../steps/entities/registration-step.entity';
import { dueView } from '../steps/step-due';
import type { RegistrationViewDto, StepViewDto } from './dto/registration-view.dto';
import type { RegistrationEntity } from './entities/registration.entity';

/**
 * Who sees a registration (R7, S1): the founder; market regulation (the commission and the district
 * approval bureaus) and supervisors within their division; a department (its staff or its system) sees
 * its own step once it has been asked. Anyone else: as if it did not exist.
 */
export type Access = { kind: 'owner' } | { kind: 'regulator' } | { kind: 'department'; department: string };

export function accessTo(p: Principal, reg: RegistrationEntity, steps: RegistrationStepEntity[]): Access | undefined {
  if (isOwner(p, reg.ownerSubject)) return { kind: 'owner' };
  if (p.type === 'staff') {
    const regulator =
      (p.department !== undefined && MARKET_REGULATION_DEPARTMENTS.includes(p.department)) ||
      isStaffWithRole(p, Roles.supervisor);
    if (regulator && canSeeDivision(p, reg.division)) return { kind: 'regulator' };
  }
  if ((p.type === 'staff' || p.type === 'system') && p.department) {
    const own = steps.find(
      (s) =>
        s.department === p.department &&
        !['WAITING', 'CANCELLED'].includes(s.state) &&
        s.kind !== 'name-check' &&
        s.kind !== 'licence',
    );
    if (own && (p.type === 'system' || canSeeDivision(p, reg.domicileDivision)))
      return { kind: 'department', department: p.department };
  }
  return undefined;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function toStepView(s: RegistrationStepEntity, withData: boolean): StepViewDto {
  return {
    id: s.id,
    kind: s.kind,
    title: STEP_TITLES[s.kind],
    department: s.department,
    departmentName: DEPARTMENT_NAMES[s.department] ?? s.department,
    state: s.state,
    mode: s.mode,
    attempt: s.attempt,
    requestedAt: iso(s.requestedAt),
    ...dueView(s),
    completedAt: iso(s.completedAt),
    completedBy: s.completedBy,
    reason: s.reason,
    escalatedAt: iso(s.escalatedAt),
    result: s.result,
    ...(withData ? { data: s.data } : {}),
  };
}

export function toRegistrationView(
  reg: RegistrationEntity,
  steps: RegistrationStepEntity[],
  access: Access,
): RegistrationViewDto {
  const authority = authorityForDivision(reg.division);
  const owner = access.kind === 'owner';
  const lr = reg.form.legalRepresentative;
  const order = ['name-check', 'licence', 'seal', 'tax', 'social-insurance', 'statistics'];
  const visibleSteps = (
    access.kind === 'department' ? steps.filter((s) => s.department === access.department) : steps
  ).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return {
    id: reg.id,
    number: reg.number,
    state: reg.state,
    enterpriseName: reg.enterpriseName,
    enterpriseType: reg.enterpriseType,
    authority: { code: reg.authorityCode, name: authority?.name ?? reg.authorityCode, division: reg.division },
    domicileDivision: reg.domicileDivision,
    uscc: reg.uscc,
    licenceNumber: reg.licenceNumber,
    submittedAt: iso(reg.submittedAt)!,
    licensedAt: iso(reg.licensedAt),
    completedAt: iso(reg.completedAt),
    closedAt: iso(reg.closedAt),
    closedReason: reg.closedReason,
    workingDaysTaken: reg.workingDaysTaken,
    withinOneWorkingDay: reg.withinOneWorkingDay,
    ...(access.kind === 'department'
      ? {}
      : {
          legalRepresentative: {
            name: lr.name,
            residentId: owner ? lr.residentId : maskResidentId(lr.residentId),
            phone: owner ? lr.phone : maskPhone(lr.phone),
          },
        }),
    // Step data carries personal data: the owner and the department doing the step see it, nobody else.
    steps: visibleSteps.map((s) => toStepView(s, owner || access.kind === 'department')),
  };
}
