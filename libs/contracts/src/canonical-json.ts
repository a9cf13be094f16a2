/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units at every depth, undefined
 * members dropped (undefined in an array is null), no whitespace; values as JSON.stringify writes
 * them. The same content always gives the same text, whatever order jsonb hands keys back in: what a
 * hash chain or a content hash needs.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
