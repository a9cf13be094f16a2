import { canSeeDivision, isOwner, Principal, Roles, StaffPrincipal } from '@onewindow/auth';
import { maskPhone, maskResidentId } from '@onewindow/codes';
import { NotVisibleError } from '@onewindow/http';
import { intakeCalendar } from '../deadlines/intake-calendar';
import { remainingWorkingDays } from '../deadlines/clock';
import { todayInShanghai, provisionalFieldsOf } from '@onewindow/calendar';
import type { ApplicationViewDto, StepViewDto } from './dto/application-view.dto';
import type { ApplicationEntity } from './entities/application.entity';
import type { ApplicationMaterialEntity } from './entities/application-material.entity';
import type { ApplicationStepEntity } from './entities/application-step.entity';

/*
 * Who may see an application (S1, S2). An application someone may not see is reported as not found.
 * - the applicant who owns it;
 * - window clerks of the centre that received it (an online application: the clerks of the centre of
 *   the deciding division, who make its intake decision);
 * - staff of the deciding department within their division (reviewers, approvers);
 * - supervisors within their division (district staff: their district only);
 * - the deciding department's system.
 */
export function isClerkOf(p: StaffPrincipal, app: ApplicationEntity): boolean {
  if (!p.roles.includes(Roles.windowClerk) || !canSeeDivision(p, app.receivingDivision)) return false;
  return app.channel === 'window' ? app.receivingOrgUnit === p.orgUnit : p.division === app.receivingDivision;
}

export function isDecidingStaff(p: Principal, app: ApplicationEntity): boolean {
  if (p.type === 'system') return p.department === app.department;
  return p.type === 'staff' && p.department === app.department && canSeeDivision(p, app.division);
}

export function canSee(p: Principal, app: ApplicationEntity): boolean {
  switch (p.type) {
    case 'citizen':
    case 'enterprise':
      return isOwner(p, app.applicantSubject);
    case 'staff':
      return (
        isClerkOf(p, app) ||
        isDecidingStaff(p, app) ||
        (p.roles.includes(Roles.supervisor) && canSeeDivision(p, app.division))
      );
    case 'system':
      return isDecidingStaff(p, app);
    default:
      return false;
  }
}

export function assertCanSee(
  p: Principal,
  app: ApplicationEntity | null | undefined,
  id: string,
): asserts app is ApplicationEntity {
  if (!app || !canSee(p, app)) throw new NotVisibleError('申请', id);
}

/** A clerk acting on an application at the window: only their centre's (404 otherwise). */
export function assertClerkOf(
  p: Principal,
  app: ApplicationEntity | null | undefined,
  id: string,
): asserts app is ApplicationEntity {
  if (!app || p.type !== 'staff' || !isClerkOf(p, app)) throw new NotVisibleError('申请', id);
}

/** Personal data unmasked only for the owner and the deciding department (S6). */
export function seesPersonalData(p: Principal, app: ApplicationEntity): boolean {
  return (
    ((p.type === 'citizen' || p.type === 'enterprise') && isOwner(p, app.applicantSubject)) || isDecidingStaff(p, app)
  );
}

export function clockOf(app: ApplicationEntity, today = todayInShanghai()) {
  // While paused the clock is stopped: remaining days are as on the day it stopped.
  const asOf = app.pausedOn ?? today;
  const running = app.state === 'ACCEPTED' || app.state === 'IN_REVIEW' || app.state === 'PAUSED';
  return {
    receivedAt: app.receivedAt.toISOString(),
    acceptedOn: app.acceptedOn,
    deemedAccepted: app.deemedAccepted,
    gapAccepted: app.gapAccepted,
    promisedLimitDays: app.promisedLimitDays,
    legalLimitDays: app.legalLimitDays,
    promisedDue: app.promisedDue,
    legalDue: app.legalDue,
    promisedRemainingWorkingDays:
      running && app.promisedDue ? remainingWorkingDays(intakeCalendar, asOf, app.promisedDue) : null,
    remainingWorkingDays: running && app.legalDue ? remainingWorkingDays(intakeCalendar, asOf, app.legalDue) : null,
    ...provisionalFieldsOf(app.dueProvisionalYears ?? []),
    provisionalYears: app.dueProvisionalYears ?? [],
    pausedOn: app.pausedOn,
    pausedFor: app.pausedFor,
    pausedWorkingDays: app.pausedWorkingDays,
    extensionDays: app.extensionDays,
    extensionReason: app.extensionReason,
  };
}

export function toView(
  p: Principal,
  app: ApplicationEntity,
  materials: ApplicationMaterialEntity[],
): ApplicationViewDto {
  const full = seesPersonalData(p, app);
  return {
    id: app.id,
    number: app.number,
    item: { code: app.itemCode, version: app.itemVersion, name: app.itemName },
    bundleCode: app.bundleCode,
    bundleGroup: app.bundleGroup,
    state: app.state,
    mode: app.mode,
    applicant: {
      type: app.applicantType,
      name: app.applicantName,
      idNumber: app.applicantIdNumber ? (full ? app.applicantIdNumber : maskResidentId(app.applicantIdNumber)) : null,
      phone: app.applicantPhone ? (full ? app.applicantPhone : maskPhone(app.applicantPhone)) : null,
    },
    receivedAt: {
      channel: app.channel,
      orgUnit: app.receivingOrgUnit,
      division: app.receivingDivision,
      level: app.receivingLevel,
    },
    department: app.department,
    division: app.division,
    formData: app.formData,
    materials: materials.map((m) => ({
      code: m.materialCode,
      name: m.name,
      requirement: m.requirement,
      status: m.status,
      fileId: m.fileId,
      eLicenceRef: m.eLicenceRef,
      problem: m.problem,
      dueOn: m.dueOn,
    })),
    clock: clockOf(app),
    outcome: app.outcome,
    decidedAt: app.decidedAt?.toISOString() ?? null,
    concludedAt: app.concludedAt?.toISOString() ?? null,
    delivery: {
      mode: app.deliveryMode,
      trackingNumber: app.trackingNumber,
      deliveredAt: app.deliveredAt?.toISOString() ?? null,
    },
    closingReason: app.closingReason,
    version: app.version,
  };
}

export function toStepView(s: ApplicationStepEntity): StepViewDto {
  return {
    seq: s.seq,
    action: s.action,
    fromState: s.fromState,
    toState: s.toState,
    actor: {
      type: s.actorType,
      id: s.actorId,
      name: s.actorName,
      role: s.actorRole,
      department: s.actorDepartment,
      orgUnit: s.actorOrgUnit,
    },
    at: s.at.toISOString(),
    document: s.documentId ? { id: s.documentId, kind: s.documentKind, number: s.documentNumber } : null,
    note: s.note,
    detail: s.detail,
    hash: s.hash,
  };
}
