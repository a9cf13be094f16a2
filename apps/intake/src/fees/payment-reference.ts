/**
 * Payment references (缴款码): 20 digits a person can type at a bank counter, with a Luhn check digit
 * so that a mistyped digit or a swap of two neighbours is caught by the bank before it books money
 * against the wrong notice. Layout: issue date (8) + notice sequence (11) + check (1).
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the payload (the check digit goes after it).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function paymentReference(isoDate: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > 99_999_999_999)
    throw new RangeError(`sequence out of range: ${sequence}`);
  const payload = `${isoDate.replace(/-/g, '')}${String(sequence).padStart(11, '0')}`;
  if (!/^\d{19}$/.test(payload)) throw new RangeError(`bad date: ${isoDate}`);
  return `${payload}${luhnCheckDigit(payload)}`;
}

export function isValidPaymentReference(ref: string): boolean {
  return /^\d{20}$/.test(ref) && luhnCheckDigit(ref.slice(0, 19)) === Number(ref[19]);
}

/** 'JF' + issue date + 8-digit sequence, e.g. JF2026112300000042. */
export function feeNoticeNumber(isoDate: string, sequence: number): string {
  return `JF${isoDate.replace(/-/g, '')}${String(sequence).padStart(8, '0')}`;
}
