import { z } from 'zod';
import { isoDate, isoInstant } from '../formats';
import { defineEvent, EventContract } from '../registry';
import { calendarContracts, provisionalFields } from './calendar';
import { Topics } from '../topics';

/*
 * The application's life (20-intake.md A14) on `intake.application.v1`. One contract per transition;
 * every payload carries the same identifying core (which application, which item version, who decides,
 * the state it is in now) so that a consumer such as oversight never has to call intake back.
 * Dates are ISO `YYYY-MM-DD` (deadlines are whole days, Asia/Shanghai); instants are ISO 8601.
 */
const instant = isoInstant;

export const ApplicationStateSchema = z.enum([
  'RECEIVED',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'REJECTED',
  'IN_REVIEW',
  'PAUSED',
  'DECIDED',
  'CONCLUDED',
  'DELIVERED',
  'WITHDRAWN',
]);

const core = {
  applicationId: z.string().uuid(),
  applicationNumber: z.string().min(1).max(40),
  itemCode: z.string().min(1).max(64),
  itemVersion: z.number().int().positive(),
  /** Deciding department code (接办分离). */
  department: z.string().min(1).max(32),
  /** Deciding division, GB/T 2260. */
  division: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/),
  state: ApplicationStateSchema,
};

const dueDates = {
  promisedDue: isoDate,
  legalDue: isoDate,
  ...provisionalFields,
};

const materialRef = z.object({ code: z.string().min(1).max(32), name: z.string().min(1).max(200) }).strict();
const documentRef = z
  .object({ id: z.string().min(1).max(64), kind: z.string().min(1).max(32), number: z.string().min(1).max(64) })
  .strict();

const T = Topics.intakeApplication;
const ev = <S extends z.ZodRawShape>(name: string, description: string, shape: S) =>
  defineEvent({
    type: `intake.application.${name}`,
    topic: T,
    description,
    schema: z.object({ ...core, ...shape }).strict(),
  });

export const ApplicationReceived = ev('received', '接件: a receipt was issued (online or at a window)', {
  channel: z.enum(['online', 'window']),
  receivedAt: instant,
  receivingOrgUnit: z.string().max(64).nullable(),
  receivingDivision: z.string().max(12),
  applicantType: z.enum(['citizen', 'enterprise']),
  bundleCode: z.string().max(64).nullable(),
  receipt: documentRef.nullable(),
});

export const ApplicationCorrectionRequested = ev(
  'correction-requested',
  '补正告知: one notice listing everything missing or wrong',
  {
    missing: z.array(materialRef),
    nonConforming: z.array(materialRef.extend({ problem: z.string().max(500) }).strict()),
    notice: documentRef.nullable(),
  },
);

export const ApplicationCorrected = ev(
  'corrected',
  '补正: materials handed in, back to RECEIVED; the 5-working-day intake clock restarts',
  {
    correctedOn: isoDate,
  },
);

export const ApplicationAccepted = ev(
  'accepted',
  '受理: accepted at a window (or as step 1 of an instant decision, or by the system for a complete online application of an auto-accept item)',
  {
    acceptedOn: isoDate,
    ...dueDates,
    instant: z.boolean(),
    /** 自动受理: accepted by the system at submission; absent or false for a clerk's acceptance. */
    automatic: z.boolean().optional(),
    document: documentRef.nullable(),
  },
);

export const ApplicationRejected = ev('rejected', '不予受理: rejected with the reason and where to go instead', {
  reason: z.string().min(1).max(2000),
  redirectTo: z.string().max(500).nullable(),
  document: documentRef.nullable(),
});

export const ApplicationDeemedAccepted = ev(
  'deemed-accepted',
  '视为受理 (行政许可法第三十二条): no intake decision within 5 working days; accepted as of the receipt date',
  {
    acceptedOn: isoDate,
    receivedOn: isoDate,
    ...dueDates,
    document: documentRef.nullable(),
  },
);

export const ApplicationGapAccepted = ev(
  'gap-accepted',
  '容缺受理: accepted with secondary materials promised by their due dates',
  {
    acceptedOn: isoDate,
    ...dueDates,
    promisedMaterials: z.array(materialRef.extend({ dueOn: isoDate }).strict()).min(1),
    document: documentRef.nullable(),
  },
);

export const ApplicationTaskAssigned = ev(
  'task-assigned',
  '接办分离: the deciding department has a task in its queue',
  {
    taskId: z.string().uuid(),
    twoStepReview: z.boolean(),
    ...dueDates,
  },
);

export const ApplicationClaimed = ev('claimed', 'a reviewer claimed the task; the application is IN_REVIEW', {
  taskId: z.string().uuid(),
  claimedBy: z.string().min(1).max(128),
});

export const ApplicationReviewed = ev(
  'reviewed',
  '一审: the reviewer gave an opinion; the task waits for an approver',
  {
    taskId: z.string().uuid(),
    reviewedBy: z.string().min(1).max(128),
    recommendation: z.enum(['granted', 'refused']),
  },
);

export const ApplicationPaused = ev('paused', 'special procedure (行政许可法第四十五条): the clock is stopped', {
  procedure: z.string().min(1).max(32),
  pausedOn: isoDate,
});

export const ApplicationResumed = ev(
  'resumed',
  'special procedure finished: the clock runs again, due dates shifted by the paused working days',
  {
    resumedOn: isoDate,
    pausedWorkingDays: z.number().int().nonnegative(),
    totalPausedWorkingDays: z.number().int().nonnegative(),
    ...dueDates,
  },
);

export const ApplicationExtended = ev(
  'extended',
  '延期: legal limit extended by an approver, with the reason (visible to the applicant)',
  {
    days: z.number().int().min(1).max(10),
    reason: z.string().min(1).max(2000),
    approvedBy: z.string().min(1).max(128),
    ...dueDates,
  },
);

export const ApplicationDecided = ev('decided', '准予/不予许可决定', {
  outcome: z.enum(['granted', 'refused']),
  decidedOn: isoDate,
  reasons: z.string().max(4000),
  legalBasis: z.array(z.string().min(1).max(500)),
  document: documentRef.nullable(),
  /** Decided within the promised / legal limit (as of the decision day). */
  withinPromised: z.boolean().nullable(),
  withinLegal: z.boolean().nullable(),
});

export const ApplicationConcluded = ev('concluded', '办结', {
  concludedOn: isoDate,
  outcome: z.enum(['granted', 'refused']),
});

export const ApplicationDelivered = ev('delivered', '送达: at the exit window or by post', {
  mode: z.enum(['window', 'post']),
  trackingNumber: z.string().max(64).nullable(),
  deliveredOn: isoDate,
});

export const ApplicationWithdrawn = ev('withdrawn', '撤回: by the applicant, before a decision', {
  reason: z.string().min(1).max(2000),
  fromState: ApplicationStateSchema,
});

export const ApplicationSecondaryMaterialReminder = ev(
  'secondary-material-reminder',
  '容缺后补: a promised secondary material is due soon',
  {
    material: materialRef,
    dueOn: isoDate,
  },
);

export const ApplicationSecondaryMaterialOverdue = ev(
  'secondary-material-overdue',
  '容缺后补: a promised secondary material is past its due date',
  {
    material: materialRef,
    dueOn: isoDate,
    daysOverdue: z.number().int().positive(),
  },
);

export const ApplicationDueDatesRecalculated = ev(
  'due-dates-recalculated',
  '期限重新核定: the due dates counted provisionally through a year without a holiday notice, recounted on the notice once it was published',
  {
    officialYears: z.array(z.number().int()).min(1),
    previous: z.object({ promisedDue: isoDate.nullable(), legalDue: isoDate.nullable() }).strict(),
    ...dueDates,
    changed: z.boolean(),
    materials: z.array(materialRef.extend({ previousDueOn: isoDate, dueOn: isoDate }).strict()),
  },
);

/** The application's events by the name of the step that writes them (intake's timeline writes `{ name, data }`). */
export const intakeApplicationEvents = {
  received: ApplicationReceived,
  'correction-requested': ApplicationCorrectionRequested,
  corrected: ApplicationCorrected,
  accepted: ApplicationAccepted,
  rejected: ApplicationRejected,
  'deemed-accepted': ApplicationDeemedAccepted,
  'gap-accepted': ApplicationGapAccepted,
  'task-assigned': ApplicationTaskAssigned,
  claimed: ApplicationClaimed,
  reviewed: ApplicationReviewed,
  paused: ApplicationPaused,
  resumed: ApplicationResumed,
  extended: ApplicationExtended,
  decided: ApplicationDecided,
  concluded: ApplicationConcluded,
  delivered: ApplicationDelivered,
  withdrawn: ApplicationWithdrawn,
  'secondary-material-reminder': ApplicationSecondaryMaterialReminder,
  'secondary-material-overdue': ApplicationSecondaryMaterialOverdue,
  'due-dates-recalculated': ApplicationDueDatesRecalculated,
} as const;

/** Every intake application contract; the intake service registers this array with MessagingModule. */
export const intakeApplicationContracts: EventContract<any>[] = Object.values(intakeApplicationEvents);

/** The contracts the intake service knows (app.module imports this name). */
export const intakeContracts: EventContract<any>[] = [...intakeApplicationContracts, ...calendarContracts];
