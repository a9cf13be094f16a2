import type { StepEvent } from './application-step.service';

/*
 * The timeline writes an application's events as `{ name, data }`; `data` is typed by the named
 * contract (libs/contracts intake-application.ts) less the common core. tsc checks this file in
 * `npm test`: each `@ts-expect-error` must stay an error.
 */
const accepted: StepEvent = {
  name: 'accepted',
  data: { acceptedOn: '2026-12-04', promisedDue: '2026-12-11', legalDue: '2027-01-04', instant: false, document: null },
};
const dates = { promisedDue: '2026-12-11', legalDue: '2027-01-04' };
const wrongType: StepEvent = {
  name: 'accepted',
  // @ts-expect-error a date given as a number
  data: { acceptedOn: 20261204, ...dates, instant: false, document: null },
};
const missing: StepEvent = {
  name: 'accepted',
  // @ts-expect-error a required field missing (instant)
  data: { acceptedOn: '2026-12-04', ...dates, document: null },
};
// @ts-expect-error an event name no contract has
const unknownName: StepEvent = { name: 'approved', data: {} };
const withCore: StepEvent = {
  name: 'paused',
  // @ts-expect-error the common core is added by the timeline, not given
  data: { procedure: 'hearing', pausedOn: '2026-12-04', applicationId: 'x' },
};

describe('StepEvent', () => {
  it('names a contract and carries its payload less the core', () => {
    expect([accepted, wrongType, missing, unknownName, withCore].map((e) => e.name)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'approved',
      'paused',
    ]);
  });
});
