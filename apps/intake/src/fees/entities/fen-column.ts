import type { ValueTransformer } from 'typeorm';

/**
 * Money columns are bigint fen. pg returns bigint as a string (it may exceed 2^53); our amounts stay
 * far below Number.MAX_SAFE_INTEGER (90 trillion yuan), and anything else is refused, not rounded.
 */
export const fenTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => {
    if (v === null || v === undefined) return v;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`amount out of range: ${v}`);
    return n;
  },
};
