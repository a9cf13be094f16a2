import { isDivisionCode, isWithin } from '@onewindow/codes';
import authoritiesJson from '../../data/registration-authorities.json';

/** A registration authority (登记机关): who registers, under which division code, for which domiciles. */
export interface RegistrationAuthority {
  code: string;
  name: string;
  nameEn: string;
  /** The division code the authority issues USCCs under (positions 3-8); its own code for a free-trade zone (R8). */
  division: string;
  /** Divisions an enterprise's domicile may lie in. */
  jurisdiction: string[];
  /** Division parts a name may start with, longest first. */
  namePrefixes: string[];
  /** 自主申报: the founder declares the name; similar names are recorded, not sent to a reviewer. */
  selfDeclaredNames: boolean;
}

/** Checks the data file when the service loads, so a bad hand edit fails at start, not on a submission. */
export function parseAuthorities(raw: unknown): RegistrationAuthority[] {
  const list = (raw as { authorities?: unknown })?.authorities;
  if (!Array.isArray(list) || list.length === 0)
    throw new TypeError('登记机关数据无效 (invalid authority data): "authorities" must be a non-empty array');
  const problems: string[] = [];
  const divisions = new Set<string>();
  for (const a of list as RegistrationAuthority[]) {
    const ok =
      typeof a.code === 'string' &&
      /^[A-Z]+-\d{6}$/.test(a.code) &&
      typeof a.name === 'string' &&
      a.name !== '' &&
      typeof a.division === 'string' &&
      isDivisionCode(a.division) &&
      a.division.length === 6 &&
      Array.isArray(a.jurisdiction) &&
      a.jurisdiction.length > 0 &&
      a.jurisdiction.every((j) => isDivisionCode(j)) &&
      Array.isArray(a.namePrefixes) &&
      a.namePrefixes.length > 0 &&
      a.namePrefixes.every((p) => typeof p === 'string' && p !== '') &&
      typeof a.selfDeclaredNames === 'boolean';
    if (!ok) problems.push(`authority ${JSON.stringify(a)} is malformed`);
    else if (divisions.has(a.division)) problems.push(`division ${a.division} is listed twice`);
    else divisions.add(a.division);
  }
  if (problems.length > 0)
    throw new TypeError(`登记机关数据无效 (invalid authority data):\n- ${problems.join('\n- ')}`);
  // Longest prefix first, so 天津市和平区 is tried before 天津市.
  return (list as RegistrationAuthority[]).map((a) => ({
    ...a,
    namePrefixes: [...a.namePrefixes].sort((x, y) => y.length - x.length),
  }));
}

export const registrationAuthorities: readonly RegistrationAuthority[] = parseAuthorities(authoritiesJson);
const byDivision = new Map(registrationAuthorities.map((a) => [a.division, a]));

/** The authority registering under a division code; undefined for an unknown division. */
export function authorityForDivision(division: string): RegistrationAuthority | undefined {
  return byDivision.get(division);
}

/** Whether a domicile (district or street code) lies in the authority's jurisdiction. */
export function inJurisdiction(authority: RegistrationAuthority, domicileDivision: string): boolean {
  return isDivisionCode(domicileDivision) && authority.jurisdiction.some((j) => isWithin(domicileDivision, j));
}
