import { ApplicationStateSchema } from '@onewindow/contracts';
import { InvalidTransitionError } from '@onewindow/http';

/**
 * The application's state machine exactly as drawn in 20-intake.md ("The application's life"). Pure:
 * no I/O, so every allowed and refused transition is unit-tested (application-state.spec.ts).
 *
 *   RECEIVED ──► ACCEPTED ──► IN_REVIEW ──► DECIDED ──► CONCLUDED ──► DELIVERED
 *   RECEIVED ⇄ CORRECTION_REQUESTED; RECEIVED | CORRECTION_REQUESTED ──► REJECTED
 *   IN_REVIEW ⇄ PAUSED; any state before DECIDED ──► WITHDRAWN
 *
 * Reject is allowed from RECEIVED too (A3 lists it as one of the three intake decisions, e.g. an item
 * outside the authority's remit needs no correction round first). An instant item (A5) walks
 * ACCEPTED ──► IN_REVIEW ──► DECIDED ──► CONCLUDED inside one request, so no shortcut edge exists.
 */
/** The states, as the event contracts declare them (one list: an event can carry no state intake lacks). */
export const APPLICATION_STATES = ApplicationStateSchema.options;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = [
  'request-correction',
  'correct',
  'accept',
  'gap-accept',
  'deem-accept',
  'reject',
  'start-review',
  'pause',
  'resume',
  'decide',
  'conclude',
  'deliver',
  'withdraw',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** States in which the applicant may still withdraw (A10: any time before DECIDED). */
export const BEFORE_DECISION: readonly ApplicationState[] = [
  'RECEIVED',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'IN_REVIEW',
  'PAUSED',
];

export const TRANSITIONS: Readonly<
  Record<ApplicationAction, { from: readonly ApplicationState[]; to: ApplicationState }>
> = {
  'request-correction': { from: ['RECEIVED'], to: 'CORRECTION_REQUESTED' },
  correct: { from: ['CORRECTION_REQUESTED'], to: 'RECEIVED' },
  accept: { from: ['RECEIVED'], to: 'ACCEPTED' },
  'gap-accept': { from: ['RECEIVED'], to: 'ACCEPTED' },
  'deem-accept': { from: ['RECEIVED'], to: 'ACCEPTED' },
  reject: { from: ['RECEIVED', 'CORRECTION_REQUESTED'], to: 'REJECTED' },
  'start-review': { from: ['ACCEPTED'], to: 'IN_REVIEW' },
  pause: { from: ['IN_REVIEW'], to: 'PAUSED' },
  resume: { from: ['PAUSED'], to: 'IN_REVIEW' },
  decide: { from: ['IN_REVIEW'], to: 'DECIDED' },
  conclude: { from: ['DECIDED'], to: 'CONCLUDED' },
  deliver: { from: ['CONCLUDED'], to: 'DELIVERED' },
  withdraw: { from: BEFORE_DECISION, to: 'WITHDRAWN' },
};

/** States nothing leaves. */
export const FINAL_STATES: readonly ApplicationState[] = ['REJECTED', 'DELIVERED', 'WITHDRAWN'];

export function canTransition(current: ApplicationState, action: ApplicationAction): boolean {
  return TRANSITIONS[action].from.includes(current);
}

/** The state after `action`, or InvalidTransitionError (409 with currentState) when not allowed from `current`. */
export function nextState(current: ApplicationState, action: ApplicationAction): ApplicationState {
  if (!canTransition(current, action)) throw new InvalidTransitionError('申请', current, action);
  return TRANSITIONS[action].to;
}

/** Asserts the application is in one of `states` for an operation that changes no state (extend, review opinion). */
export function assertStateIn(current: ApplicationState, states: readonly ApplicationState[], attempted: string): void {
  if (!states.includes(current)) throw new InvalidTransitionError('申请', current, attempted);
}
