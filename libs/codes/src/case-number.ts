import { IsoDate, isIsoDate } from '@onewindow/calendar';
import { isDivisionCode } from './division';
import { InvalidCodeError, Reason, Validation, toValidation } from './reason';

/**
 * Application case number (办件编号), 22 characters, fixed width so it sorts and reads at a glance:
 *   {division: 6 digits}{date: YYYYMMDD}{service: 2 uppercase letters}{sequence: 6 digits, 000001-999999}
 *   e.g. '120101' + '20261123' + 'IN' + '000042' = '12010120261123IN000042'
 * The date is the acceptance date in Asia/Shanghai (use todayInShanghai()); the sequence restarts
 * daily per division and service. There is no check character: a case number is looked up, never trusted.
 */
export interface CaseNumberParts {
  division: string;
  date: IsoDate;
  service: string;
  sequence: number;
}

export type CaseNumberReasonCode = 'length' | 'division' | 'date' | 'service' | 'sequence';

export const CASE_NUMBER_LENGTH = 22;
export const MAX_CASE_SEQUENCE = 999_999;

const SUBJECT = { zh: '办件编号', en: 'case number' };

export function formatCaseNumber(parts: CaseNumberParts): string {
  const reasons = checkParts(parts);
  if (reasons.length > 0) throw new InvalidCodeError(SUBJECT, reasons);
  return `${parts.division}${parts.date.replace(/-/g, '')}${parts.service}${String(parts.sequence).padStart(6, '0')}`;
}

export function validateCaseNumber(caseNumber: string): Validation<CaseNumberReasonCode> {
  if (caseNumber.length !== CASE_NUMBER_LENGTH) {
    return toValidation([
      {
        code: 'length',
        message: `长度应为 ${CASE_NUMBER_LENGTH} 位，实际 ${caseNumber.length} 位 (length must be ${CASE_NUMBER_LENGTH}, got ${caseNumber.length})`,
      },
    ]);
  }
  const sequence = caseNumber.slice(16, 22);
  return toValidation(
    checkParts(
      {
        division: caseNumber.slice(0, 6),
        date: /^\d{8}$/.test(caseNumber.slice(6, 14))
          ? `${caseNumber.slice(6, 10)}-${caseNumber.slice(10, 12)}-${caseNumber.slice(12, 14)}`
          : caseNumber.slice(6, 14),
        service: caseNumber.slice(14, 16),
        // NaN (not a digit string) fails the sequence check below, as it should.
        sequence: /^\d{6}$/.test(sequence) ? Number(sequence) : NaN,
      },
      sequence,
    ),
  );
}

export function parseCaseNumber(caseNumber: string): CaseNumberParts {
  const result = validateCaseNumber(caseNumber);
  if (!result.valid) throw new InvalidCodeError(SUBJECT, result.reasons);
  return {
    division: caseNumber.slice(0, 6),
    date: `${caseNumber.slice(6, 10)}-${caseNumber.slice(10, 12)}-${caseNumber.slice(12, 14)}`,
    service: caseNumber.slice(14, 16),
    sequence: Number(caseNumber.slice(16, 22)),
  };
}

function checkParts(
  parts: CaseNumberParts,
  sequenceAsWritten = String(parts.sequence),
): Reason<CaseNumberReasonCode>[] {
  const reasons: Reason<CaseNumberReasonCode>[] = [];
  if (!/^\d{6}$/.test(parts.division) || !isDivisionCode(parts.division)) {
    reasons.push({
      code: 'division',
      message: `行政区划码应为 6 位 GB/T 2260 代码 (division must be a 6-digit GB/T 2260 code): ${JSON.stringify(parts.division)}`,
    });
  }
  if (!isIsoDate(parts.date)) {
    reasons.push({
      code: 'date',
      message: `受理日期不是真实日期 (date is not a real calendar date): ${JSON.stringify(parts.date)}`,
    });
  }
  if (!/^[A-Z]{2}$/.test(parts.service)) {
    reasons.push({
      code: 'service',
      message: `事项代码应为 2 位大写字母 (service must be 2 uppercase letters): ${JSON.stringify(parts.service)}`,
    });
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > MAX_CASE_SEQUENCE) {
    reasons.push({
      code: 'sequence',
      message: `流水号应为 1 至 ${MAX_CASE_SEQUENCE} 的整数 (sequence must be an integer from 1 to ${MAX_CASE_SEQUENCE}): ${JSON.stringify(sequenceAsWritten)}`,
    });
  }
  return reasons;
}
