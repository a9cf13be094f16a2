import { z } from 'zod';
import { isoDate, isoInstant } from '../formats';
import { defineEvent, EventContract } from '../registry';
import { Topics } from '../topics';
import { provisionalFields } from './calendar';

/*
 * Enterprise registration (30-registration.md): a saga over Kafka. Two streams:
 * - `registration.enterprise.v1`, subject = registrationId: the registration aggregate (name check,
 *   licence, corrections, completion, withdrawal);
 * - `registration.step.v1`: one department step (seal GA, tax SW, social insurance RS, statistics TJ):
 *   its request, its result, its escalation. The subject (and Kafka key) is the registrationId too, not
 *   the stepId: the steps are parts of the registration, so one registration's step events stay in
 *   order on one partition and the saga applies them one at a time, without two consumers contending
 *   for the same registration.
 * Every request and result of the saga is one of these events. Dates are ISO `YYYY-MM-DD`
 * (Asia/Shanghai); instants ISO 8601; money in fen. A step's due date counted through a year without
 * an official holiday notice carries `provisional` and why (provisionalFields); the producers always
 * fill both, and `due-recalculated` follows once the notice is published (ADR 0022, issue 12).
 */
const instant = isoInstant;
const uuid = z.string().uuid();
const department = z.enum(['SCJG', 'GA', 'SW', 'RS', 'TJ']);
const departmentStepKind = z.enum(['seal', 'tax', 'social-insurance', 'statistics']);
const division = z.string().regex(/^\d{6}$/);
const uscc = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/);

export const RegistrationDepartmentSchema = department;
export const RegistrationStepKindSchema = departmentStepKind;

const E = Topics.registrationEnterprise;
const S = Topics.registrationStep;

export const RegistrationSubmitted = defineEvent({
  type: 'registration.enterprise.submitted',
  topic: E,
  description:
    '一表申报: the one form was received and validated as a whole; the name passed the rules and is reserved.',
  schema: z
    .object({
      registrationId: uuid,
      number: z.string().min(1).max(40),
      authority: z.string().min(1).max(32),
      division,
      enterpriseName: z.string().min(1).max(100),
      applicantType: z.enum(['citizen', 'enterprise']),
      submittedAt: instant,
    })
    .strict(),
});

export const RegistrationNameReviewRequested = defineEvent({
  type: 'registration.enterprise.name-review-requested',
  topic: E,
  description:
    'The name needs a human judgement (a similar existing name, or a restricted word): queued for market regulation.',
  schema: z
    .object({
      registrationId: uuid,
      reviewId: uuid,
      enterpriseName: z.string().min(1).max(100),
      reasons: z
        .array(z.object({ code: z.string().min(1).max(40), message: z.string().min(1).max(500) }).strict())
        .min(1),
    })
    .strict(),
});

export const RegistrationNameApproved = defineEvent({
  type: 'registration.enterprise.name-approved',
  topic: E,
  description: 'The name check passed, by the rules or by a reviewer; the saga issues the USCC and the licence next.',
  schema: z
    .object({
      registrationId: uuid,
      enterpriseName: z.string().min(1).max(100),
      tradeName: z.string().min(1).max(40),
      industry: z.string().min(1).max(40),
      organisationForm: z.string().min(1).max(40),
      decidedBy: z.enum(['rules', 'reviewer', 'self-declared']),
      reviewId: uuid.nullable(),
    })
    .strict(),
});

export const RegistrationNameRejected = defineEvent({
  type: 'registration.enterprise.name-rejected',
  topic: E,
  description: 'A reviewer refused the name; the registration ends, the name is released.',
  schema: z
    .object({
      registrationId: uuid,
      reviewId: uuid,
      enterpriseName: z.string().min(1).max(100),
      reason: z.string().min(1).max(2000),
    })
    .strict(),
});

export const RegistrationLicenceIssued = defineEvent({
  type: 'registration.enterprise.licence-issued',
  topic: E,
  description:
    'The USCC was assigned and the business licence issued as a signed e-licence; the four department steps start in parallel on this event.',
  schema: z
    .object({
      registrationId: uuid,
      uscc,
      licenceNumber: z.string().min(1).max(64),
      enterpriseName: z.string().min(1).max(100),
      authority: z.string().min(1).max(32),
      division,
      issuedAt: instant,
    })
    .strict(),
});

export const RegistrationCorrectionRequested = defineEvent({
  type: 'registration.enterprise.correction-requested',
  topic: E,
  description:
    "A department rejected its step: the founder is asked to correct that step's data only; the other steps go on.",
  schema: z
    .object({
      registrationId: uuid,
      stepId: uuid,
      department,
      kind: departmentStepKind,
      attempt: z.number().int().positive(),
      reason: z.string().min(1).max(2000),
    })
    .strict(),
});

export const RegistrationCompleted = defineEvent({
  type: 'registration.enterprise.completed',
  topic: E,
  description:
    'Every department step is done: the enterprise is open. Carries the one-working-day measure and the follow-up permits the scope needs.',
  schema: z
    .object({
      registrationId: uuid,
      uscc,
      enterpriseName: z.string().min(1).max(100),
      submittedAt: instant,
      completedAt: instant,
      workingDaysTaken: z.number().int().nonnegative(),
      withinOneWorkingDay: z.boolean(),
      followUpPermits: z.array(z.string().min(1).max(64)),
    })
    .strict(),
});

export const RegistrationWithdrawn = defineEvent({
  type: 'registration.enterprise.withdrawn',
  topic: E,
  description: 'The founder withdrew before the licence: pending steps cancelled, the reserved name released.',
  schema: z
    .object({
      registrationId: uuid,
      reason: z.string().min(1).max(2000),
      withdrawnAt: instant,
      cancelledSteps: z.array(z.string().min(1).max(32)),
    })
    .strict(),
});

const stepCore = {
  stepId: uuid,
  registrationId: uuid,
  department,
  kind: departmentStepKind,
  attempt: z.number().int().positive(),
};

export const RegistrationStepRequested = defineEvent({
  type: 'registration.step.requested',
  topic: S,
  description:
    'A department is asked to do its step, with the data the founder gave once (the department never asks again). Attempt > 1 after a correction.',
  schema: z
    .object({
      ...stepCore,
      mode: z.enum(['manual', 'auto']),
      dueOn: isoDate,
      ...provisionalFields,
      uscc,
      enterpriseName: z.string().min(1).max(100),
      data: z.record(z.unknown()),
    })
    .strict(),
});

export const RegistrationStepCompleted = defineEvent({
  type: 'registration.step.completed',
  topic: S,
  description:
    'The department finished its step (by its staff, its system through the exchange API, or automatically).',
  schema: z
    .object({
      ...stepCore,
      completedBy: z.string().min(1).max(200),
      completedAt: instant,
      result: z.record(z.unknown()),
    })
    .strict(),
});

export const RegistrationStepRejected = defineEvent({
  type: 'registration.step.rejected',
  topic: S,
  description: 'The department refused its step as given; the saga asks the founder to correct that step.',
  schema: z
    .object({
      ...stepCore,
      rejectedBy: z.string().min(1).max(200),
      rejectedAt: instant,
      reason: z.string().min(1).max(2000),
    })
    .strict(),
});

export const RegistrationStepEscalated = defineEvent({
  type: 'registration.step.escalated',
  topic: S,
  description: 'The step was not done within its time limit: raised to oversight (效能监察).',
  schema: z
    .object({
      ...stepCore,
      state: z.string().min(1).max(32),
      dueOn: isoDate,
      ...provisionalFields,
      escalatedAt: instant,
    })
    .strict(),
});

export const RegistrationStepDueRecalculated = defineEvent({
  type: 'registration.step.due-recalculated',
  topic: S,
  description:
    "期限重新核定: an open step's due date counted provisionally through a year without a holiday notice, recounted on the notice once it was published (changed: false when the date stayed the same, only no longer provisional).",
  schema: z
    .object({
      ...stepCore,
      previousDueOn: isoDate,
      dueOn: isoDate,
      ...provisionalFields,
      /** The years whose notice made this recount (those the previous date was provisional for). */
      officialYears: z.array(z.number().int().min(1900).max(2200)).min(1),
      changed: z.boolean(),
    })
    .strict(),
});

export const registrationContracts: EventContract<any>[] = [
  RegistrationSubmitted,
  RegistrationNameReviewRequested,
  RegistrationNameApproved,
  RegistrationNameRejected,
  RegistrationLicenceIssued,
  RegistrationCorrectionRequested,
  RegistrationCompleted,
  RegistrationWithdrawn,
  RegistrationStepRequested,
  RegistrationStepCompleted,
  RegistrationStepRejected,
  RegistrationStepEscalated,
  RegistrationStepDueRecalculated,
];
