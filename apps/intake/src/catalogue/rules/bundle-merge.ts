import type { ItemDefinition, MaterialRequirement } from '../catalogue.types';
import { normaliseMaterialName } from './material-name';

const FORM_STRICTNESS: Record<MaterialRequirement['form'], number> = { electronic: 0, copy: 1, original: 2 };

/**
 * The merged material list of a bundle (C5, 一表申报): a material needed by several items is asked for
 * once. Materials are the same when their normalised names are equal. Where the items disagree the
 * strictest demand wins, so the one material handed in satisfies every item:
 * - primary if any item holds it primary (an item may not lose a primary material by being bundled);
 * - the strictest form (original > copy > electronic) and the most copies;
 * - an e-licence replaces it only if every item accepts one; optional only if optional for every item;
 * - file types: those every item accepts (when that leaves none, all of them: the intake check of
 *   each item still applies);
 * Order follows the bundle: the first item's materials, then new ones of the next item, and so on.
 * Merged codes are 'B01', 'B02', ...; `usedBy` names the items.
 */
export function mergeBundleMaterials(items: ItemDefinition[]): MaterialRequirement[] {
  const merged = new Map<string, MaterialRequirement>();
  for (const item of items) {
    for (const m of item.materials) {
      const key = normaliseMaterialName(m.name);
      const seen = merged.get(key);
      if (!seen) {
        merged.set(key, { ...copyOf(m), usedBy: [item.code] });
        continue;
      }
      if (!seen.usedBy!.includes(item.code)) seen.usedBy!.push(item.code);
      if (m.requirement === 'primary') seen.requirement = 'primary';
      if (FORM_STRICTNESS[m.form] > FORM_STRICTNESS[seen.form]) seen.form = m.form;
      seen.copies = Math.max(seen.copies, m.copies);
      seen.eLicence = Boolean(seen.eLicence && m.eLicence);
      seen.optional = Boolean(seen.optional && m.optional);
      seen.fileTypes = mergeFileTypes(seen.fileTypes, m.fileTypes);
      seen.source ??= m.source;
      seen.sampleForm ??= m.sampleForm;
    }
  }
  return [...merged.values()].map((m, i) =>
    dropUndefined({
      ...m,
      code: `B${String(i + 1).padStart(2, '0')}`,
      optional: m.requirement === 'primary' ? false : m.optional,
    }),
  );
}

function copyOf(m: MaterialRequirement): MaterialRequirement {
  return {
    ...m,
    eLicence: Boolean(m.eLicence),
    optional: Boolean(m.optional),
    fileTypes: m.fileTypes ? [...m.fileTypes] : undefined,
  };
}

function mergeFileTypes(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b ? [...b] : undefined;
  if (!b) return a;
  const both = a.filter((t) => b.includes(t));
  return both.length > 0 ? both : [...new Set([...a, ...b])];
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
