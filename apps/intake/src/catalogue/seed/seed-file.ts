import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import seedJson from '../../../data/catalogue/catalogue-seed.json';
import type { ItemDefinition } from '../catalogue.types';
import { CreateItemDto } from '../dto/item-definition.dto';
import { checkPublicationRules } from '../rules/publication-rules';

/** The shape of apps/intake/data/catalogue/catalogue-seed.json (C6). */
export interface SeedFile {
  source: string;
  mappingNotes: string[];
  departments: { code: string; name: string; nameEn?: string }[];
  items: SeedItem[];
  bundles: { code: string; name: string; items: string[]; description?: string; themes?: string[] }[];
}

export interface SeedItem {
  state: 'published' | 'withdrawn';
  withdrawnAt?: string;
  withdrawnReason?: string;
  /** Oldest first; the last is the current version, the earlier ones are superseded. */
  versions: { publishedAt: string; definition: ItemDefinition }[];
}

export const catalogueSeed = seedJson as unknown as SeedFile;

/**
 * Everything wrong with a seed file, at once: each definition must pass the same validation as the
 * admin API and the publication rules (C4), codes must be unique and bundles must name seeded items.
 * The seed is data edited by hand; this keeps a typo from reaching a running catalogue.
 */
export function seedProblems(seed: SeedFile): string[] {
  const problems: string[] = [];
  const departments = new Set(seed.departments.map((d) => d.code));
  if (departments.size !== seed.departments.length) problems.push('departments: duplicate code');
  const codes = new Set<string>();
  for (const [i, item] of seed.items.entries()) {
    const where = `items[${i}]`;
    if (item.versions.length === 0) {
      problems.push(`${where}: no version`);
      continue;
    }
    const code = item.versions[item.versions.length - 1].definition.code;
    if (codes.has(code)) problems.push(`${where}: duplicate item code ${code}`);
    codes.add(code);
    if (item.state === 'withdrawn' && !item.withdrawnReason?.trim())
      problems.push(`${where} ${code}: withdrawn without a reason`);
    for (const [j, v] of item.versions.entries()) {
      const at = `${where} ${code} v${j + 1}`;
      if (v.definition.code !== code) problems.push(`${at}: code ${v.definition.code} differs from the item's`);
      if (Number.isNaN(Date.parse(v.publishedAt))) problems.push(`${at}: publishedAt is not a date`);
      problems.push(...validationMessages(v.definition).map((m) => `${at}: ${m}`));
      problems.push(
        ...checkPublicationRules(v.definition, { knownDepartments: departments }).map(
          (r) => `${at}: ${r.rule} at ${r.field}`,
        ),
      );
    }
  }
  const bundleCodes = new Set<string>();
  for (const b of seed.bundles) {
    if (bundleCodes.has(b.code)) problems.push(`bundle ${b.code}: duplicate code`);
    bundleCodes.add(b.code);
    if (b.items.length < 2) problems.push(`bundle ${b.code}: fewer than two items`);
    for (const c of b.items) if (!codes.has(c)) problems.push(`bundle ${b.code}: unknown item ${c}`);
  }
  return problems;
}

function validationMessages(def: ItemDefinition): string[] {
  const errors = validateSync(plainToInstance(CreateItemDto, def), { whitelist: true, forbidNonWhitelisted: true });
  const flat = (es: ValidationError[], parent: string): string[] =>
    es.flatMap((e) => {
      const field = parent ? `${parent}.${e.property}` : e.property;
      return [...Object.values(e.constraints ?? {}).map((c) => `${field}: ${c}`), ...flat(e.children ?? [], field)];
    });
  return flat(errors, '');
}
