/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units at every depth, undefined
 * members dropped (undefined in an array is null), no whitespace; values as JSON.stringify writes
 * them. The same content always gives the same text, whatever order jsonb hands keys back in: what a
 * hash chain or a content hash needs.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Plain loops and concatenation, not entries/filter/map/join: this runs for every step and document
  // hash on the submission path (four per auto-accepted submission).
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // sort() without a comparator orders by UTF-16 code units.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}
