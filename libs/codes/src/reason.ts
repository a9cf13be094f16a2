/** One thing wrong with an identifier: `code` for programs, `message` (Chinese with English) for people. */
export interface Reason<C extends string = string> {
  code: C;
  message: string;
}

/** Validators report every problem they can see, so a clerk fixes a form in one round trip, not five. */
export type Validation<C extends string = string> = { valid: true } | { valid: false; reasons: Reason<C>[] };

export function toValidation<C extends string>(reasons: Reason<C>[]): Validation<C> {
  return reasons.length === 0 ? { valid: true } : { valid: false, reasons };
}

/** Thrown by the parse/format functions; carries the same reasons the validators return. */
export class InvalidCodeError<C extends string = string> extends Error {
  constructor(
    readonly subject: { zh: string; en: string },
    readonly reasons: Reason<C>[],
  ) {
    super(`无效的${subject.zh} (invalid ${subject.en}): ${reasons.map((r) => r.message).join('；')}`);
    this.name = 'InvalidCodeError';
  }
}
