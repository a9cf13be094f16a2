import { Counter, Registry } from 'prom-client';
import { calendarFallbackReporter } from './calendar-fallback';

describe('calendarFallbackReporter', () => {
  const setup = () => {
    let t = 1_000_000;
    const lines: { year: number; uses: number }[] = [];
    const counter = new Counter({
      name: 'test_fallback_total',
      help: 'test',
      labelNames: ['year'] as const,
      registers: [new Registry()],
    });
    const report = calendarFallbackReporter((fields) => lines.push(fields), {
      intervalMs: 60_000,
      now: () => t,
      counter,
    });
    const count = async (year: number) =>
      (await counter.get()).values.find((v) => v.labels.year === String(year))?.value ?? 0;
    return { report, lines, count, advance: (ms: number) => (t += ms) };
  };
  const warning = (year: number) => ({ year, message: `${year} 年的法定节假日安排尚未录入` });

  it('counts every use but logs a year once per interval', async () => {
    const { report, lines, count, advance } = setup();
    for (let i = 0; i < 1000; i++) report(warning(2027));
    expect(lines).toEqual([{ year: 2027, uses: 1 }]);
    expect(await count(2027)).toBe(1000);
    advance(59_999);
    report(warning(2027));
    expect(lines).toHaveLength(1);
    advance(1);
    report(warning(2027));
    // The second line stands for itself and the 1,000 uses swallowed since the first.
    expect(lines).toEqual([
      { year: 2027, uses: 1 },
      { year: 2027, uses: 1001 },
    ]);
    expect(await count(2027)).toBe(1002);
  });

  it('logs each missing year on its own', async () => {
    const { report, lines, count } = setup();
    report(warning(2027));
    report(warning(2028));
    report(warning(2027));
    expect(lines).toEqual([
      { year: 2027, uses: 1 },
      { year: 2028, uses: 1 },
    ]);
    expect([await count(2027), await count(2028)]).toEqual([2, 1]);
  });
});
