import { orgCodeCheckChar, validateOrgCode } from './org-code';
import { InvalidCodeError, Reason, Validation, toValidation } from './reason';

/**
 * GB 32100-2015 unified social credit code (统一社会信用代码), 18 characters:
 *   1     registration authority (登记管理部门码), e.g. 9 = market regulation
 *   2     entity type (机构类别码), e.g. 1 = enterprise
 *   3-8   administrative division (GB/T 2260)
 *   9-17  organisation code (GB 11714, with its own check character)
 *   18    check character
 * Authority and type are not checked against a table: the table has grown since 2015 (e.g. 'A', 'N')
 * and a stale copy would reject real, valid codes.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const RADIX = USCC_ALPHABET.length; // 31

export type UsccReasonCode = 'length' | 'charset' | 'division' | 'org-code-check' | 'check-char';

export interface UsccParts {
  authority: string;
  entityType: string;
  division: string;
  orgCode: string;
  checkChar: string;
}

const SUBJECT = { zh: '统一社会信用代码', en: 'unified social credit code' };

export function usccCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !USCC_ALPHABET.includes(c))) {
    throw new RangeError(`应为 17 位代码字符 (expected the first 17 characters of a USCC): ${JSON.stringify(first17)}`);
  }
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * USCC_ALPHABET.indexOf(first17[i]!), 0);
  return USCC_ALPHABET[(RADIX - (sum % RADIX)) % RADIX]!;
}

export function validateUscc(code: string): Validation<UsccReasonCode> {
  const reasons: Reason<UsccReasonCode>[] = [];
  if (code.length !== 18)
    reasons.push({
      code: 'length',
      message: `长度应为 18 位，实际 ${code.length} 位 (length must be 18, got ${code.length})`,
    });

  const bad = [...code].map((c, i) => ({ c, pos: i + 1 })).filter(({ c }) => !USCC_ALPHABET.includes(c));
  if (bad.length > 0) {
    const zh = bad.map(({ c, pos }) => `第 ${pos} 位“${c}”`).join('、');
    const en = bad.map(({ c, pos }) => `"${c}" at ${pos}`).join(', ');
    reasons.push({
      code: 'charset',
      message: `${zh}不是允许的字符，代码只用数字和大写字母且不含 I、O、S、V、Z (not allowed: ${en}; only digits and uppercase letters except I, O, S, V, Z)`,
    });
  }

  // Positions mean nothing if the length is wrong, and a character outside the alphabet is already reported.
  if (code.length === 18) {
    const clean = (from: number, to: number): boolean =>
      [...code.slice(from, to)].every((c) => USCC_ALPHABET.includes(c));
    if (clean(2, 8) && !/^\d{6}$/.test(code.slice(2, 8))) {
      reasons.push({
        code: 'division',
        message: `第 3-8 位行政区划码应为 6 位数字 (positions 3-8, the division code, must be 6 digits): ${code.slice(2, 8)}`,
      });
    }
    if (clean(8, 17) && !validateOrgCode(code.slice(8, 17)).valid) {
      reasons.push({
        code: 'org-code-check',
        message: `第 9-17 位组织机构代码校验错误 (positions 9-17 fail the GB 11714 organisation code check): ${code.slice(8, 17)}`,
      });
    }
    if (clean(0, 18) && usccCheckChar(code.slice(0, 17)) !== code[17]) {
      reasons.push({ code: 'check-char', message: '第 18 位校验码错误 (check character mismatch)' });
    }
  }
  return toValidation(reasons);
}

export function parseUscc(code: string): UsccParts {
  const result = validateUscc(code);
  if (!result.valid) throw new InvalidCodeError(SUBJECT, result.reasons);
  return {
    authority: code[0]!,
    entityType: code[1]!,
    division: code.slice(2, 8),
    orgCode: code.slice(8, 17),
    checkChar: code[17]!,
  };
}

/** Largest sequence generateUscc accepts: 8 base-31 digits. */
export const MAX_USCC_SEQUENCE = RADIX ** 8 - 1;

/**
 * The 8-character organisation-code body for a sequence number: the number written in base 31
 * with USCC_ALPHABET as digits, left-padded with '0' (0 -> '00000000', 31 -> '00000010',
 * 42 -> '0000001B'). Base conversion is a bijection, so distinct sequences give distinct bodies,
 * and the alphabet keeps I, O, S, V, Z out by construction.
 */
export function orgCodeBodyFromSequence(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > MAX_USCC_SEQUENCE) {
    throw new RangeError(
      `序号应为 0 至 ${MAX_USCC_SEQUENCE} 的整数 (sequence must be an integer from 0 to ${MAX_USCC_SEQUENCE}): ${sequence}`,
    );
  }
  let body = '';
  for (let n = sequence; n > 0; n = Math.floor(n / RADIX)) body = USCC_ALPHABET[n % RADIX]! + body;
  return body.padStart(8, '0');
}

export type GenerateUsccInput = {
  /** Registration authority code, one character, e.g. '9' (market regulation). */
  authority: string;
  /** Entity type code, one character, e.g. '1' (enterprise). */
  entityType: string;
  /** 6-digit GB/T 2260 division code, e.g. '120101'. */
  division: string;
} & ({ orgCodeBody: string; sequence?: never } | { sequence: number; orgCodeBody?: never });

/** A valid code for fixtures and demo data; it is not a registration, so never show it as one. */
export function generateUscc(input: GenerateUsccInput): string {
  const problems: string[] = [];
  const oneChar = (value: string, zh: string, en: string): void => {
    if (value.length !== 1 || !USCC_ALPHABET.includes(value))
      problems.push(
        `${zh}应为 1 位代码字符 (${en} must be one character of the USCC alphabet): ${JSON.stringify(value)}`,
      );
  };
  oneChar(input.authority, '登记管理部门码', 'authority');
  oneChar(input.entityType, '机构类别码', 'entityType');
  if (!/^\d{6}$/.test(input.division))
    problems.push(`行政区划码应为 6 位数字 (division must be 6 digits): ${JSON.stringify(input.division)}`);

  let body: string | undefined;
  if (input.orgCodeBody !== undefined) {
    if (input.orgCodeBody.length !== 8 || [...input.orgCodeBody].some((c) => !USCC_ALPHABET.includes(c))) {
      problems.push(
        `组织机构代码本体应为 8 位，且不含 I、O、S、V、Z 及小写字母 (orgCodeBody must be 8 characters of the USCC alphabet): ${JSON.stringify(input.orgCodeBody)}`,
      );
    } else body = input.orgCodeBody;
  } else {
    try {
      body = orgCodeBodyFromSequence(input.sequence);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0 || body === undefined) throw new RangeError(problems.join('；'));

  const first17 = `${input.authority}${input.entityType}${input.division}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}
