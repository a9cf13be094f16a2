/** An existing name under the same authority, as the register holds it. */
export interface RegisteredName {
  fullName: string;
  tradeName: string;
  industry: string;
}

export type Likeness = 'identical' | 'similar' | 'different';

function sortedChars(s: string): string {
  return [...s].sort().join('');
}

/** True when two equal-length trade names differ in exactly one character (海河 / 海和). */
function oneCharApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  return x.filter((c, i) => c !== y[i]).length === 1;
}

/**
 * Compares a candidate with an existing name of the same registration authority:
 * - identical: the same full name, or the same trade name in the same industry (refused outright);
 * - similar: a judgement for a reviewer: the same trade name in another industry, or in the same
 *   industry a trade name one character apart, the same characters reordered, or one inside the other;
 * - different otherwise.
 */
export function compareNames(candidate: RegisteredName, existing: RegisteredName): Likeness {
  if (candidate.fullName === existing.fullName) return 'identical';
  if (candidate.tradeName === existing.tradeName)
    return candidate.industry === existing.industry ? 'identical' : 'similar';
  if (candidate.industry !== existing.industry) return 'different';
  const [a, b] = [candidate.tradeName, existing.tradeName];
  if (oneCharApart(a, b) || sortedChars(a) === sortedChars(b) || a.includes(b) || b.includes(a)) return 'similar';
  return 'different';
}

/**
 * SQL LIKE patterns that find every equal-length trade name one character apart (one `_` per position).
 * Trade names are Chinese characters only (checked by the structure rule), so no escaping is needed.
 */
export function oneApartPatterns(tradeName: string): string[] {
  const chars = [...tradeName];
  return chars.map((_, i) => chars.map((c, j) => (i === j ? '_' : c)).join(''));
}

export { sortedChars };
