import { IsoDate, isIsoDate, toIsoDate } from '@onewindow/calendar';
import { InvalidCodeError, Reason, Validation, toValidation } from './reason';

/**
 * GB 11643-1999 citizen identity number (公民身份号码), 18 characters:
 *   1-6 division of first registration, 7-14 birth date YYYYMMDD, 15-17 sequence (odd = male),
 *   18 check character (digit or X).
 * The 15-digit first-generation numbers expired in 2013 and are rejected.
 */
export type ResidentIdReasonCode =
  'length' | 'charset' | 'division' | 'birth-date' | 'birth-date-future' | 'birth-date-before-1900' | 'check-char';

export interface ResidentIdOptions {
  /** Reference instant for the "not in the future" rule, read as a date in Asia/Shanghai. Defaults to now. */
  today?: Date;
}

export interface ResidentIdInfo {
  division: string;
  birthDate: IsoDate;
  sex: 'male' | 'female';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const SUBJECT = { zh: '公民身份号码', en: 'resident identity number' };

/**
 * Province-level prefixes in use: GB/T 2260 provinces (71 = Taiwan) plus 81, 82, 83, which residence
 * permits for Hong Kong, Macao and Taiwan residents use. The full division table changes yearly
 * and old numbers keep abolished codes, so only the stable first two digits are checked.
 */
const PROVINCE_PREFIXES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
);

export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17))
    throw new RangeError(`应为 17 位数字 (expected 17 digits): ${JSON.stringify(first17)}`);
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

export function validateResidentId(id: string, options: ResidentIdOptions = {}): Validation<ResidentIdReasonCode> {
  const reasons: Reason<ResidentIdReasonCode>[] = [];
  if (id.length !== 18) {
    const hint =
      id.length === 15 ? '；15 位一代证号码已停用 (15-digit first-generation numbers are no longer valid)' : '';
    reasons.push({
      code: 'length',
      message: `长度应为 18 位，实际 ${id.length} 位 (length must be 18, got ${id.length})${hint}`,
    });
  }
  if (!/^\d*$/.test(id.slice(0, 17)) || (id.length >= 18 && !/^[0-9X]$/.test(id.slice(17)))) {
    const lowercaseX = id.length === 18 && id[17] === 'x' && /^\d{17}$/.test(id.slice(0, 17));
    reasons.push({
      code: 'charset',
      message: lowercaseX
        ? '校验码 X 应为大写 (the check character X must be uppercase)'
        : '前 17 位应为数字，第 18 位应为数字或 X (the first 17 characters must be digits, the 18th a digit or X)',
    });
  }
  if (id.length !== 18 || !/^\d{17}[0-9X]$/.test(id)) return toValidation(reasons);

  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) {
    reasons.push({
      code: 'division',
      message: `前 2 位不是有效的省级行政区划代码 (the first 2 digits are not a province code): ${id.slice(0, 2)}`,
    });
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth)) {
    reasons.push({
      code: 'birth-date',
      message: `出生日期不是真实日期 (birth date is not a real date): ${id.slice(6, 14)}`,
    });
  } else if (birth < '1900-01-01') {
    reasons.push({
      code: 'birth-date-before-1900',
      message: `出生日期早于 1900 年 (birth date is before 1900): ${birth}`,
    });
  } else if (birth > toIsoDate(options.today ?? new Date())) {
    reasons.push({ code: 'birth-date-future', message: `出生日期晚于今天 (birth date is in the future): ${birth}` });
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    reasons.push({ code: 'check-char', message: '第 18 位校验码错误 (check character mismatch)' });
  }
  return toValidation(reasons);
}

export function parseResidentId(id: string, options: ResidentIdOptions = {}): ResidentIdInfo {
  const result = validateResidentId(id, options);
  if (!result.valid) throw new InvalidCodeError(SUBJECT, result.reasons);
  return {
    division: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
