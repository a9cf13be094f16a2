import { UnprocessableEntityException } from '@nestjs/common';
import type { AdminLevel } from '../../catalogue/catalogue.types';

/**
 * 接办分离 routing: which division's office of the item's department decides an application.
 * - a city item: the city (120000), wherever it was received;
 * - a district item: the district of the receiving centre (a district centre, or the district a
 *   street/community centre lies in); received online or at the city centre, the applicant names the
 *   district (`division`), which must lie in the city;
 * - a street item: the receiving street centre, or the named street when received higher up or online;
 * - a community item: likewise at community level.
 * The department is always the item's implementing department (at district level its district office).
 */
export interface RoutingInput {
  itemLevel: AdminLevel;
  /** The receiving centre's division, when received at a window. */
  centreDivision?: string;
  centreLevel?: AdminLevel;
  /** The division the applicant names (online, or a higher centre receiving a lower item). */
  requestedDivision?: string;
  /** The city the platform serves. */
  cityDivision?: string;
}

const LENGTH: Record<AdminLevel, number> = { city: 6, district: 6, street: 9, community: 12 };
const RANK: Record<AdminLevel, number> = { city: 0, district: 1, street: 2, community: 3 };

export function decidingDivision(i: RoutingInput): string {
  const city = i.cityDivision ?? '120000';
  if (i.itemLevel === 'city') return city;
  // A centre at or below the item's level lies inside exactly one division of that level.
  if (i.centreDivision && i.centreLevel && RANK[i.centreLevel] >= RANK[i.itemLevel])
    return i.centreDivision.slice(0, LENGTH[i.itemLevel]);
  const d = i.requestedDivision;
  const ok =
    d !== undefined &&
    d.length === LENGTH[i.itemLevel] &&
    d.startsWith(city.slice(0, 2)) &&
    (i.itemLevel !== 'district' || !d.endsWith('00')) &&
    (!i.centreDivision ||
      d.startsWith(
        i.centreDivision.replace(/0+$/, '').slice(0, Math.max(2, i.centreDivision.replace(/0+$/, '').length)),
      ));
  if (!ok) {
    throw new UnprocessableEntityException({
      message: `该事项由${levelName(i.itemLevel)}办理，请在 division 中指明办理地 (a ${i.itemLevel}-level item: name the ${i.itemLevel} that decides in "division")`,
      details: { itemLevel: i.itemLevel, division: d ?? null },
    });
  }
  return d;
}

function levelName(l: AdminLevel): string {
  return { city: '市级', district: '区级', street: '街道（乡镇）', community: '社区（村）' }[l];
}

/** The 6-digit division put in the case number: the deciding division's city or district. */
export function caseNumberDivision(division: string): string {
  return division.slice(0, 6);
}
