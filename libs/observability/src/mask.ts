// Personal data (resident ID numbers, mobile numbers) must never reach a log line in clear (S6).
// Masking is done on every value, whatever field it sits in, because personal data turns up in
// free text (error messages, echoed bodies) as often as in named fields.
const RESIDENT_ID = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskText(text: string): string {
  return text
    .replace(RESIDENT_ID, (_m, head: string, tail: string) => `${head}********${tail.slice(-4)}`)
    .replace(MOBILE, '$1****$2');
}

export function maskPersonalData<T>(value: T, depth = 0): T {
  if (depth > 8 || value === null || value === undefined) return value;
  if (typeof value === 'string') return maskText(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, depth + 1)) as unknown as T;
  if (typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskPersonalData(v, depth + 1);
    return out as T;
  }
  return value;
}
