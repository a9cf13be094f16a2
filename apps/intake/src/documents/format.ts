/** Display formats the documents print (pure). */

/** '2026-11-23' -> '2026年11月23日' (the form official documents use; no leading zeros). */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not an ISO date: ${isoDate}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 8000 -> '80.00': money is kept in fen (integers) and only formatted as yuan for display. */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`amount in fen must be a non-negative integer: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * Masks a person's name for public pages (S6): '张三丰' -> '张*丰', '张三' -> '张*', '欧阳娜娜' -> '欧**娜'.
 * The first and (for three or more characters) the last character stay, everything between is '*'.
 * Latin names keep their first letter only. Enterprise names are public records and are not masked
 * by this function; the caller decides.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (/^[\x20-\x7e]+$/.test(name)) return `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}`;
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
