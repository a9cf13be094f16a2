import type { ItemDefinition } from '../catalogue.types';
import { normaliseMaterialName } from './material-name';

/** One broken publication rule (C4); the 422 answer lists every one of them in `details`. */
export interface RuleViolation {
  rule: PublicationRule;
  /** Path of the offending field in the definition, e.g. 'materials[2].requirement'. */
  field: string;
  message: string;
}

export type PublicationRule =
  | 'promised-exceeds-legal'
  | 'instant-not-zero-days'
  | 'promised-mode-zero-days'
  | 'duplicate-material-name'
  | 'duplicate-material-code'
  | 'primary-material-optional'
  | 'gap-acceptance-without-secondary'
  | 'fee-without-basis'
  | 'fee-amount-invalid'
  | 'receivable-excludes-own-level'
  | 'unknown-department'
  | 'auto-accept-not-online'
  | 'auto-accept-needs-e-licences';

export interface RuleContext {
  /** Department codes of the catalogue; when given, the item's department must be one of them. */
  knownDepartments?: ReadonlySet<string>;
}

/**
 * The rules an item must satisfy before it is published (C4). Pure, so the admin service, the seed
 * loader and the tests apply exactly the same rules. Returns every violation, never only the first
 * (一次性告知 applies to the catalogue's editors too).
 */
export function checkPublicationRules(def: ItemDefinition, ctx: RuleContext = {}): RuleViolation[] {
  const out: RuleViolation[] = [];
  const add = (rule: PublicationRule, field: string, message: string) => out.push({ rule, field, message });

  if (def.promisedLimitDays > def.legalLimitDays) {
    add(
      'promised-exceeds-legal',
      'promisedLimitDays',
      `承诺时限 ${def.promisedLimitDays} 个工作日超过法定时限 ${def.legalLimitDays} 个工作日 (promised limit exceeds the legal limit)`,
    );
  }
  if (def.mode === 'instant' && def.promisedLimitDays !== 0) {
    add(
      'instant-not-zero-days',
      'promisedLimitDays',
      `即办件的承诺时限应为 0 (an instant item is decided on the spot: promisedLimitDays must be 0)`,
    );
  }
  if (def.mode === 'promised' && def.promisedLimitDays === 0) {
    add(
      'promised-mode-zero-days',
      'promisedLimitDays',
      `承诺件的承诺时限应至少 1 个工作日，当场办结的请设为即办件 (a promised item needs at least 1 day; use mode 'instant' for on-the-spot decisions)`,
    );
  }

  const byName = new Map<string, number>();
  const byCode = new Map<string, number>();
  def.materials.forEach((m, i) => {
    const key = normaliseMaterialName(m.name);
    const first = byName.get(key);
    if (first === undefined) byName.set(key, i);
    else
      add(
        'duplicate-material-name',
        `materials[${i}].name`,
        `材料「${m.name}」与第 ${first + 1} 项重复 (material name repeats materials[${first}])`,
      );
    const firstCode = byCode.get(m.code);
    if (firstCode === undefined) byCode.set(m.code, i);
    else
      add(
        'duplicate-material-code',
        `materials[${i}].code`,
        `材料编码 ${m.code} 与第 ${firstCode + 1} 项重复 (material code repeats materials[${firstCode}])`,
      );
    if (m.requirement === 'primary' && m.optional) {
      add(
        'primary-material-optional',
        `materials[${i}].optional`,
        `主审要件「${m.name}」不能设为可免交 (a primary material cannot be waived)`,
      );
    }
  });

  if (def.gapAcceptanceDays !== null && !def.materials.some((m) => m.requirement === 'secondary')) {
    add(
      'gap-acceptance-without-secondary',
      'gapAcceptanceDays',
      `容缺受理只适用于非主审要件，但本事项没有非主审要件 (gap acceptance covers secondary materials only, and the item has none)`,
    );
  }

  def.fees.forEach((f, i) => {
    if (!f.legalBasis || f.legalBasis.trim() === '') {
      add(
        'fee-without-basis',
        `fees[${i}].legalBasis`,
        `收费项目「${f.name}」缺少收费依据 (fee without a legal basis)`,
      );
    }
    if (!Number.isSafeInteger(f.amountFen) || f.amountFen <= 0) {
      add(
        'fee-amount-invalid',
        `fees[${i}].amountFen`,
        `收费项目「${f.name}」金额应为正整数（分）(fee amount must be a positive whole number of fen)`,
      );
    }
  });

  if (!def.receivableAt.includes(def.level)) {
    add(
      'receivable-excludes-own-level',
      'receivableAt',
      `受理层级须包含事项本级 ${def.level} (receivableAt must include the item's own level)`,
    );
  }
  if (def.autoAccept) {
    // The system accepts only what it can check itself: an uploaded scan or paper needs a clerk's eye.
    if (!def.online)
      add(
        'auto-accept-not-online',
        'autoAccept',
        `自动受理仅适用于可网上申请的事项 (auto-acceptance needs an online item)`,
      );
    def.materials.forEach((m, i) => {
      if (!m.optional && !m.eLicence)
        add(
          'auto-accept-needs-e-licences',
          `materials[${i}].eLicence`,
          `自动受理事项的必交材料「${m.name}」须可由电子证照核验 (auto-acceptance: every required material must be an e-licence)`,
        );
    });
  }
  if (ctx.knownDepartments && !ctx.knownDepartments.has(def.department)) {
    add('unknown-department', 'department', `实施部门 ${def.department} 不在部门目录中 (unknown department)`);
  }
  return out;
}
