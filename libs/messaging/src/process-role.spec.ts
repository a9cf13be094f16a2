import { processRole, runsBackgroundWork } from './process-role';

describe('processRole (OW_ROLE)', () => {
  it('defaults to all; api does no background work, worker and all do', () => {
    expect(processRole({})).toBe('all');
    expect(runsBackgroundWork({})).toBe(true);
    expect(runsBackgroundWork({ OW_ROLE: 'api' })).toBe(false);
    expect(runsBackgroundWork({ OW_ROLE: 'worker' })).toBe(true);
  });

  it('refuses an unknown role at start instead of guessing', () => {
    expect(() => processRole({ OW_ROLE: 'web' })).toThrow('OW_ROLE must be one of all, api, worker');
  });
});
