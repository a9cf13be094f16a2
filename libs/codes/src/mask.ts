/**
 * Masking for display (receipts, clerk screens), in the same shape libs/observability uses for logs,
 * so one person's data looks the same everywhere. Input of an unexpected shape is masked more, never less.
 */

/** '120101199003071234' -> '120101********1234': division and last 4 stay, the birth date is hidden. */
export function maskResidentId(id: string): string {
  return keepEnds(id, 6, 4);
}

/** '13812345678' -> '138****5678'. */
export function maskPhone(phone: string): string {
  return keepEnds(phone, 3, 4);
}

function keepEnds(value: string, head: number, tail: number): string {
  // Too short to show both ends and still hide at least 4 characters: hide everything.
  if (value.length < head + tail + 4) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(-tail);
}
