import {
  formatVerificationCode,
  newVerificationCode,
  normaliseVerificationCode,
  VERIFICATION_ALPHABET,
} from './verification-code';

describe('verification codes', () => {
  it('are long enough, from an alphabet without look-alike characters, and different each time', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newVerificationCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) {
      expect(c).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{14}$/);
    }
    for (const ambiguous of '0O1IL5S2Z8BUV') expect(VERIFICATION_ALPHABET).not.toContain(ambiguous);
    // every symbol is used: the generator covers the alphabet (no off-by-one at either end)
    expect(new Set([...codes].join('')).size).toBe(VERIFICATION_ALPHABET.length);
  });

  it('read back what people type: any case, spaces and dashes', () => {
    const c = newVerificationCode();
    const shown = formatVerificationCode(c);
    expect(shown).toMatch(/^\w{4}-\w{4}-\w{4}-\w{2}$/);
    expect(normaliseVerificationCode(shown.toLowerCase())).toBe(c);
    expect(normaliseVerificationCode(` ${shown.replace(/-/g, ' ')} `)).toBe(c);
    expect(normaliseVerificationCode('ACDE-3467-FGHJ-K0')).toBeNull();
    expect(normaliseVerificationCode('ACDE')).toBeNull();
  });
});
