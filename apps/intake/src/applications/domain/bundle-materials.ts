import type { ItemDefinition, MaterialRequirement } from '../../catalogue/catalogue.types';
import { normaliseMaterialName } from '../../catalogue/rules/material-name';
import type { MaterialGivenDto } from '../dto/application.dto';
import type { GivenMaterial } from './material-check';

/**
 * The item's own materials (M01...) from what was given against the bundle's merged list (B01...):
 * the catalogue merges materials of the same normalised name, so the same rule maps them back.
 */
export function itemMaterialsFromBundle(
  def: ItemDefinition,
  merged: MaterialRequirement[],
  given: MaterialGivenDto[],
): MaterialGivenDto[] {
  const byCode = new Map(given.map((g) => [g.code, g]));
  const out: MaterialGivenDto[] = [];
  for (const m of def.materials) {
    const key = normaliseMaterialName(m.name);
    const b = merged.find((x) => (!x.usedBy || x.usedBy.includes(def.code)) && normaliseMaterialName(x.name) === key);
    const g = b && byCode.get(b.code);
    if (g) out.push({ ...g, code: m.code });
  }
  return out;
}

/** A material given at submission, as the check reads it: `paper` counts only at a window. */
export function givenOf(m: MaterialGivenDto, channel: 'online' | 'window'): GivenMaterial {
  return { code: m.code, eLicenceRef: m.eLicenceRef ?? null, paper: channel === 'window' ? m.paper === true : m.paper };
}
