import type { RegistrationAuthority } from '../authorities/authorities';
import type { NameLists } from './name-lists';
import { NameParts, NameProblem, parseName } from './name-structure';

/** What the rules alone say about one candidate name, before the register of existing names is asked. */
export type RuleVerdict =
  | { outcome: 'refused'; name: string; problems: NameProblem[] }
  | { outcome: 'passed'; name: string; parts: NameParts; reviewReasons: NameProblem[] };

/**
 * Structure and word lists (R2). Forbidden words refuse the name wherever they stand. Restricted words
 * (中国, 国际, 银行…) need an approval a reviewer has to see, so they send the name to review; they are
 * looked for in the division part and the trade name only, because industry terms such as 国际贸易 are
 * ordinary wording, not a claim.
 */
export function checkNameRules(candidate: string, authority: RegistrationAuthority, lists: NameLists): RuleVerdict {
  const parsed = parseName(candidate, authority, lists);
  const name = 'parts' in parsed ? parsed.parts.fullName : candidate;
  const problems: NameProblem[] = 'problems' in parsed ? [...parsed.problems] : [];
  for (const f of lists.forbidden) {
    if (name.includes(f.word))
      problems.push({ code: 'forbidden-word', message: `含禁用字词“${f.word}”：${f.reason} (forbidden word)` });
  }
  if (problems.length > 0 || !('parts' in parsed)) return { outcome: 'refused', name, problems };

  const claimable = parsed.parts.divisionPart + parsed.parts.tradeName;
  const reviewReasons: NameProblem[] = lists.restricted
    .filter((r) => claimable.includes(r.word))
    .map((r) => ({
      code: 'restricted-word',
      message: `含限制使用字词“${r.word}”，需${r.needs} (restricted word: needs an approval, checked by a reviewer)`,
    }));
  return { outcome: 'passed', name, parts: parsed.parts, reviewReasons };
}
