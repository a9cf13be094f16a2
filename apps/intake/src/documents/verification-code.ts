import { randomInt } from 'node:crypto';

/**
 * Verification codes printed on every document (A13). Anyone holding a paper copy types the code on
 * the public verification page, so the alphabet leaves out characters people confuse when reading
 * or typing (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V): 23 symbols remain. 14 of them carry about 63 bits,
 * far beyond guessing through a rate-limited endpoint.
 */
export const VERIFICATION_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const VERIFICATION_CODE_LENGTH = 14;

export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++)
    code += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)];
  return code;
}

/** 'ACDE3467FGHJKM' -> 'ACDE-3467-FGHJ-KM': groups of four for reading aloud and typing. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What a person typed -> the stored form: case, spaces and dashes do not matter; null when it cannot be a code. */
export function normaliseVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== VERIFICATION_CODE_LENGTH) return null;
  for (const c of code) if (!VERIFICATION_ALPHABET.includes(c)) return null;
  return code;
}
