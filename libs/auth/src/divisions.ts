import type { AdminLevel } from './principal';

/**
 * GB/T 2260 containment, kept here (a few lines) so that authorisation decisions do not depend on
 * anything but the codes themselves. Codes: 6 digits for province/city/district (120000 the city,
 * 1201xx a district), 9 digits for a street or township, 12 digits for a community (the statistical
 * division code pattern).
 */
const DIVISION = /^(\d{6}|\d{9}|\d{12})$/;

export function isDivisionCode(code: unknown): code is string {
  return typeof code === 'string' && DIVISION.test(code);
}

/** The administrative level a code denotes, or undefined when the code is malformed. */
export function levelOfDivision(code: string): AdminLevel | undefined {
  if (!isDivisionCode(code)) return undefined;
  if (code.length === 12) return 'community';
  if (code.length === 9) return 'street';
  // A municipality directly under the central government (Tianjin) is a province-level code: xx0000.
  if (code.endsWith('0000')) return 'city';
  // xxyy00 would be a prefecture-level city inside a province; Tianjin has none, so it counts as city level.
  if (code.endsWith('00')) return 'city';
  return 'district';
}

/** True when `code` lies inside `ancestor` (a code is within itself). Malformed codes are within nothing. */
export function divisionWithin(code: string, ancestor: string): boolean {
  if (!isDivisionCode(code) || !isDivisionCode(ancestor)) return false;
  if (code === ancestor) return true;
  if (code.length < ancestor.length) return false;
  if (ancestor.length === 6) {
    const level = levelOfDivision(ancestor);
    // 120000 contains every 12xxxx district and everything below; a district contains only its own streets.
    if (level === 'city')
      return code.startsWith(ancestor.endsWith('0000') ? ancestor.slice(0, 2) : ancestor.slice(0, 4));
    return code.length > 6 && code.startsWith(ancestor);
  }
  return code.length > ancestor.length && code.startsWith(ancestor);
}

/** The parent code: street -> district, district -> city; undefined for the city itself. */
export function parentDivision(code: string): string | undefined {
  if (!isDivisionCode(code)) return undefined;
  if (code.length === 12) return code.slice(0, 9);
  if (code.length === 9) return code.slice(0, 6);
  const level = levelOfDivision(code);
  if (level === 'district') return `${code.slice(0, 2)}0000`;
  return undefined;
}
