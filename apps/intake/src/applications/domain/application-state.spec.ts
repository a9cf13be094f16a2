import { HttpException } from '@nestjs/common';
import { InvalidTransitionError } from '@onewindow/http';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  ApplicationAction,
  ApplicationState,
  assertStateIn,
  canTransition,
  FINAL_STATES,
  nextState,
} from './application-state';

// The table of 20-intake.md, written out independently of TRANSITIONS so that a typo there fails here.
const ALLOWED: [ApplicationState, ApplicationAction, ApplicationState][] = [
  ['RECEIVED', 'request-correction', 'CORRECTION_REQUESTED'],
  ['CORRECTION_REQUESTED', 'correct', 'RECEIVED'],
  ['RECEIVED', 'accept', 'ACCEPTED'],
  ['RECEIVED', 'gap-accept', 'ACCEPTED'],
  ['RECEIVED', 'deem-accept', 'ACCEPTED'],
  ['RECEIVED', 'reject', 'REJECTED'],
  ['CORRECTION_REQUESTED', 'reject', 'REJECTED'],
  ['ACCEPTED', 'start-review', 'IN_REVIEW'],
  ['IN_REVIEW', 'pause', 'PAUSED'],
  ['PAUSED', 'resume', 'IN_REVIEW'],
  ['IN_REVIEW', 'decide', 'DECIDED'],
  ['DECIDED', 'conclude', 'CONCLUDED'],
  ['CONCLUDED', 'deliver', 'DELIVERED'],
  ['RECEIVED', 'withdraw', 'WITHDRAWN'],
  ['CORRECTION_REQUESTED', 'withdraw', 'WITHDRAWN'],
  ['ACCEPTED', 'withdraw', 'WITHDRAWN'],
  ['IN_REVIEW', 'withdraw', 'WITHDRAWN'],
  ['PAUSED', 'withdraw', 'WITHDRAWN'],
];

describe('application state machine (20-intake.md)', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(canTransition(from, action)).toBe(true);
    expect(nextState(from, action)).toBe(to);
  });

  const refused = APPLICATION_STATES.flatMap((s) => APPLICATION_ACTIONS.map((a) => [s, a] as const)).filter(
    ([s, a]) => !ALLOWED.some(([f, x]) => f === s && x === a),
  );

  it('refuses every other pair (checked exhaustively)', () => {
    expect(refused.length).toBe(APPLICATION_STATES.length * APPLICATION_ACTIONS.length - ALLOWED.length);
  });

  it.each(refused)('%s --%s--> refused with 409 and the current state', (from, action) => {
    expect(canTransition(from, action)).toBe(false);
    try {
      nextState(from, action);
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidTransitionError);
      const err = e as HttpException;
      expect(err.getStatus()).toBe(409);
      expect(err.getResponse()).toMatchObject({ details: { currentState: from, attempted: action } });
    }
  });

  it('decide before accept, deliver before conclude: refused', () => {
    expect(() => nextState('RECEIVED', 'decide')).toThrow(InvalidTransitionError);
    expect(() => nextState('DECIDED', 'deliver')).toThrow(InvalidTransitionError);
  });

  it('no withdrawal from DECIDED on', () => {
    for (const s of ['DECIDED', 'CONCLUDED', 'DELIVERED', 'REJECTED', 'WITHDRAWN'] as const)
      expect(canTransition(s, 'withdraw')).toBe(false);
  });

  it('final states have no way out', () => {
    for (const s of FINAL_STATES) for (const a of APPLICATION_ACTIONS) expect(canTransition(s, a)).toBe(false);
  });

  it('assertStateIn answers 409 with the current state', () => {
    expect(() => assertStateIn('IN_REVIEW', ['IN_REVIEW', 'PAUSED'], 'extend')).not.toThrow();
    expect(() => assertStateIn('DECIDED', ['IN_REVIEW', 'PAUSED'], 'extend')).toThrow(InvalidTransitionError);
  });
});
