import forbiddenJson from '../../data/names/forbidden-words.json';
import industriesJson from '../../data/names/industries.json';
import formsJson from '../../data/names/organisation-forms.json';
import restrictedJson from '../../data/names/restricted-words.json';

export interface ForbiddenWord {
  word: string;
  reason: string;
}
export interface RestrictedWord {
  word: string;
  needs: string;
}
export interface OrganisationForm {
  form: string;
  /** The type printed on the licence (类型). */
  enterpriseType: string;
  category: 'limited-liability' | 'joint-stock';
}

/** The word lists of the name check (R2). They are data, maintained by market regulation, not code. */
export interface NameLists {
  forbidden: ForbiddenWord[];
  restricted: RestrictedWord[];
  /** Longest first. */
  industries: string[];
  /** Longest first. */
  forms: OrganisationForm[];
}

function words<T>(raw: unknown, key: string, check: (x: T) => boolean, file: string): T[] {
  const list = (raw as Record<string, unknown>)?.[key];
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => check(x as T))) {
    throw new TypeError(
      `名称规则数据无效 (invalid name-rule data) in ${file}: "${key}" must be a non-empty array of well-formed entries`,
    );
  }
  return list as T[];
}

const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

export function parseNameLists(raw: {
  forbidden: unknown;
  restricted: unknown;
  industries: unknown;
  forms: unknown;
}): NameLists {
  const byLength = (a: string, b: string) => b.length - a.length;
  return {
    forbidden: words<ForbiddenWord>(
      raw.forbidden,
      'words',
      (w) => nonEmpty(w.word) && nonEmpty(w.reason),
      'forbidden-words.json',
    ),
    restricted: words<RestrictedWord>(
      raw.restricted,
      'words',
      (w) => nonEmpty(w.word) && nonEmpty(w.needs),
      'restricted-words.json',
    ),
    industries: [...words<string>(raw.industries, 'industries', nonEmpty, 'industries.json')].sort(byLength),
    forms: [
      ...words<OrganisationForm>(
        raw.forms,
        'forms',
        (f) =>
          nonEmpty(f.form) && nonEmpty(f.enterpriseType) && ['limited-liability', 'joint-stock'].includes(f.category),
        'organisation-forms.json',
      ),
    ].sort((a, b) => byLength(a.form, b.form)),
  };
}

export const nameLists: NameLists = parseNameLists({
  forbidden: forbiddenJson,
  restricted: restrictedJson,
  industries: industriesJson,
  forms: formsJson,
});
