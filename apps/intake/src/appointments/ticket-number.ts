/**
 * Queue ticket numbers (叫号): a letter per item category at a centre, then the day's sequence for
 * that category, e.g. 'A023'. Letters I and O are never used: on a hall display they read as 1 and 0.
 */
export const TICKET_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The letter(s) of the n-th category opened at a centre (0-based): A..Z without I/O, then AA, AB, ... */
export function categoryLetter(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad category index ${n}`);
  const L = TICKET_LETTERS;
  if (n < L.length) return L[n]!;
  const k = n - L.length;
  if (k >= L.length * L.length) throw new RangeError('too many queue categories at one centre');
  return `${L[Math.floor(k / L.length)]}${L[k % L.length]}`;
}

/** 'A' + 23 -> 'A023'; past 999 the number simply grows ('A1000'). */
export function ticketNumber(letter: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`bad sequence ${seq}`);
  return `${letter}${String(seq).padStart(3, '0')}`;
}
