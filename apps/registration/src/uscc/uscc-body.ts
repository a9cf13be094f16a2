import { generateUscc, orgCodeBodyFromSequence, validateUscc } from '@onewindow/codes';

/** Registration authority code of market regulation and entity type of an enterprise (GB 32100). */
export const MARKET_REGULATION = '9';
export const ENTERPRISE = '1';

/**
 * Organisation-code bodies assigned by a registration authority since 2015 begin with "MA"; the six
 * characters after it are a per-division sequence number written in base 31 over the code alphabet,
 * so I, O, S, V and Z never appear and distinct numbers give distinct bodies.
 */
export const BODY_PREFIX = 'MA';
export const MAX_BODY_SEQUENCE = 31 ** 6 - 1;

export function usccFromSequence(division: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_BODY_SEQUENCE) {
    throw new RangeError(
      `组织机构代码序号超出范围 (organisation-code sequence out of range 1..${MAX_BODY_SEQUENCE}): ${sequence}`,
    );
  }
  const body = BODY_PREFIX + orgCodeBodyFromSequence(sequence).slice(-6);
  const uscc = generateUscc({ authority: MARKET_REGULATION, entityType: ENTERPRISE, division, orgCodeBody: body });
  // generateUscc computes both check characters; validating again costs microseconds and would catch
  // a regression in the codes library before a wrong code is printed on a licence.
  const check = validateUscc(uscc);
  if (!check.valid)
    throw new Error(`generated an invalid USCC ${uscc}: ${check.reasons.map((r) => r.code).join(', ')}`);
  return uscc;
}

/** One Postgres sequence per authority + division: names are plain identifiers, never user input. */
export function sequenceName(division: string): string {
  if (!/^\d{6}$/.test(division)) throw new RangeError(`division must be 6 digits: ${division}`);
  return `uscc_body_${MARKET_REGULATION}_${ENTERPRISE}_${division}`;
}
