import { feeNoticeNumber, isValidPaymentReference, luhnCheckDigit, paymentReference } from './payment-reference';

describe('payment references (缴款码)', () => {
  it('use the standard Luhn check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook example
    expect(luhnCheckDigit('4539578763621486'.slice(0, 15))).toBe(6);
  });

  it('are 20 digits: date, sequence, check', () => {
    const ref = paymentReference('2026-11-23', 42);
    expect(ref).toMatch(/^2026112300000000042\d$/);
    expect(isValidPaymentReference(ref)).toBe(true);
    expect(feeNoticeNumber('2026-11-23', 42)).toBe('JF2026112300000042');
  });

  it('catch a mistyped digit and a swap of neighbours', () => {
    const ref = paymentReference('2026-11-23', 1234567);
    for (let i = 0; i < 20; i++) {
      const wrong = ref.slice(0, i) + String((Number(ref[i]) + 1) % 10) + ref.slice(i + 1);
      expect(isValidPaymentReference(wrong)).toBe(false);
    }
    const swapped = ref.slice(0, 14) + ref[15] + ref[14] + ref.slice(16);
    if (swapped !== ref) expect(isValidPaymentReference(swapped)).toBe(false);
    expect(isValidPaymentReference('123')).toBe(false);
  });

  it('refuse sequences out of range', () => {
    expect(() => paymentReference('2026-11-23', 0)).toThrow(RangeError);
    expect(() => paymentReference('2026-11-23', 1e11)).toThrow(RangeError);
  });
});
