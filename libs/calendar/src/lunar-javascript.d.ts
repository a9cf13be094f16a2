// lunar-javascript ships no types; the test that cross-checks statutory-holidays.ts uses these few.
declare module 'lunar-javascript' {
  interface Ymd {
    toYmd(): string;
  }
  export const Lunar: { fromYmd(y: number, m: number, d: number): { getSolar(): Ymd } };
  export const Solar: {
    fromYmd(y: number, m: number, d: number): { getLunar(): { getJieQiTable(): Record<string, Ymd> } };
  };
}
