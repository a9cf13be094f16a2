import { parseStepModes, registrationConfigFromEnv } from './registration-config';

describe('registration settings', () => {
  it('defaults: the seal manual, the data-only steps auto, one working day', () => {
    expect(registrationConfigFromEnv({})).toEqual({
      stepModes: { GA: 'manual', SW: 'auto', RS: 'auto', TJ: 'auto' },
      stepLimitWorkingDays: 1,
      escalationIntervalMs: 60_000,
      licenceKeyFile: undefined,
    });
  });

  it('reads per-department modes and refuses anything else at start', () => {
    expect(parseStepModes('GA:auto, TJ:manual')).toEqual({ GA: 'auto', SW: 'auto', RS: 'auto', TJ: 'manual' });
    expect(() => parseStepModes('GA:later')).toThrow(/invalid/);
    expect(() => parseStepModes('XX:auto')).toThrow(/invalid/);
    expect(() => registrationConfigFromEnv({ OW_REG_STEP_LIMIT_WORKING_DAYS: '0' })).toThrow(/invalid/);
  });
});
