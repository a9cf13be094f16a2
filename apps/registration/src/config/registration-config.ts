/*
 * Settings of the registration service, read once from the environment at start; a bad value stops
 * the service at start rather than misrouting work later.
 *
 * OW_REG_STEP_MODES              per department: `GA:manual,SW:auto,RS:auto,TJ:auto` (default). The seal
 *                                (GA) is manual by default because a seal has to be engraved and filed by
 *                                people; the other three are data-only registrations, done on receipt.
 * OW_REG_STEP_LIMIT_WORKING_DAYS time limit of a department step in working days, counted from the day
 *                                after the request (default 1: the "one working day" promise).
 * OW_REG_ESCALATION_INTERVAL_MS  how often the escalation checker runs (default 60000; 0 turns it off).
 * OW_LICENCE_KEY_FILE            PKCS#8 PEM Ed25519 private key for licences; otherwise a key generated on
 *                                first start and kept in the service database.
 */
export const DEPARTMENT_STEP_DEPARTMENTS = ['GA', 'SW', 'RS', 'TJ'] as const;
export type StepDepartment = (typeof DEPARTMENT_STEP_DEPARTMENTS)[number];
export type StepMode = 'manual' | 'auto';

export const DEFAULT_STEP_MODES: Record<StepDepartment, StepMode> = {
  GA: 'manual',
  SW: 'auto',
  RS: 'auto',
  TJ: 'auto',
};

export function parseStepModes(raw: string | undefined): Record<StepDepartment, StepMode> {
  const modes = { ...DEFAULT_STEP_MODES };
  if (!raw || raw.trim() === '') return modes;
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [dept, mode, ...rest] = part.split(':').map((x) => x.trim());
    if (
      rest.length > 0 ||
      !DEPARTMENT_STEP_DEPARTMENTS.includes(dept as StepDepartment) ||
      (mode !== 'manual' && mode !== 'auto')
    ) {
      throw new Error(
        `OW_REG_STEP_MODES 无效 (invalid): "${part}"; expected DEPT:manual|auto with DEPT one of ${DEPARTMENT_STEP_DEPARTMENTS.join(', ')}`,
      );
    }
    modes[dept as StepDepartment] = mode;
  }
  return modes;
}

function positiveInt(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} 无效 (invalid): ${raw}; expected an integer ≥ ${min}`);
  return n;
}

export interface RegistrationConfig {
  stepModes: Record<StepDepartment, StepMode>;
  stepLimitWorkingDays: number;
  escalationIntervalMs: number;
  licenceKeyFile?: string;
}

export function registrationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RegistrationConfig {
  return {
    stepModes: parseStepModes(env.OW_REG_STEP_MODES),
    stepLimitWorkingDays: positiveInt('OW_REG_STEP_LIMIT_WORKING_DAYS', env.OW_REG_STEP_LIMIT_WORKING_DAYS, 1, 1),
    escalationIntervalMs: positiveInt('OW_REG_ESCALATION_INTERVAL_MS', env.OW_REG_ESCALATION_INTERVAL_MS, 60_000, 0),
    licenceKeyFile: env.OW_LICENCE_KEY_FILE || undefined,
  };
}

export const REGISTRATION_CONFIG = Symbol('REGISTRATION_CONFIG');
