import { Reason, Validation, toValidation } from './reason';

/** GB 11714-1997 organisation code: 8 body characters and 1 check character. */
export type OrgCodeReasonCode = 'length' | 'charset' | 'check-char';

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const BODY = /^[0-9A-Z]{8}$/;

/** Digits are worth their value, letters their position after the digits: A = 10 ... Z = 35. */
function charValue(c: string): number {
  return /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

export function orgCodeCheckChar(body: string): string {
  if (!BODY.test(body))
    throw new RangeError(
      `组织机构代码本体应为 8 位数字或大写字母 (organisation code body must be 8 digits or uppercase letters): ${JSON.stringify(body)}`,
    );
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * charValue(body[i]!), 0);
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/** Takes the 9 characters alone: strip the hyphen certificates print before the check character ('12345678-9') first. */
export function validateOrgCode(code: string): Validation<OrgCodeReasonCode> {
  const reasons: Reason<OrgCodeReasonCode>[] = [];
  if (code.length !== 9)
    reasons.push({
      code: 'length',
      message: `长度应为 9 位，实际 ${code.length} 位 (length must be 9, got ${code.length})`,
    });
  const alphanumeric = /^[0-9A-Z]*$/.test(code);
  const checkCharShape = code.length < 9 || /^[0-9X]$/.test(code[8]!);
  if (!alphanumeric || !checkCharShape) {
    reasons.push({
      code: 'charset',
      message:
        '前 8 位应为数字或大写字母，第 9 位应为数字或 X (first 8 must be digits or uppercase letters, the 9th a digit or X)',
    });
  }
  if (code.length === 9 && alphanumeric && checkCharShape && orgCodeCheckChar(code.slice(0, 8)) !== code[8]) {
    reasons.push({ code: 'check-char', message: '校验码错误 (check character mismatch)' });
  }
  return toValidation(reasons);
}
