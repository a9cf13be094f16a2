/** Material uploads (A1): what is accepted and how a file's type is checked. */
export const MAX_MATERIAL_BYTES = 10 * 1024 * 1024;
export const DEFAULT_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

const SIGNATURES: Record<string, number[][]> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46]], // %PDF
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
};

/** The declared type without parameters, lower-cased ('application/pdf; x=y' → 'application/pdf'). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * True when the bytes start with the signature of the declared type. The declared Content-Type alone
 * proves nothing: a renamed executable must not pass as a PDF.
 */
export function contentMatches(type: string, data: Buffer): boolean {
  const sigs = SIGNATURES[type];
  if (!sigs) return false;
  return sigs.some((sig) => data.length >= sig.length && sig.every((b, i) => data[i] === b));
}
