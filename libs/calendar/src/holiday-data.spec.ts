import * as fs from 'fs';
import * as path from 'path';
import { HolidayData, HolidayDataError, parseHolidayData } from './holiday-data';
import { WorkingCalendar } from './working-calendar';

const repoRoot = path.resolve(__dirname, '../../..');
const repoCopyPath = path.join(repoRoot, 'libs/calendar/data/holidays-cn.json');
// The team's shared data folder sits beside the repo on dev machines; a fresh clone does not have it.
const sharedSourcePath = path.resolve(repoRoot, '../shared/data/holidays-cn.json');

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** What any correct holidays file must satisfy, used when there is no shared source to compare with. */
function expectWellFormed(raw: unknown): void {
  const data = parseHolidayData(raw);
  const years = Object.keys(data.years);
  expect(years).toEqual(expect.arrayContaining(['2024', '2025', '2026']));
  const calendar = new WorkingCalendar(data);
  for (const year of years) {
    const names = data.years[year]!.off.map((r) => r.name).join(' ');
    for (const festival of ['元旦', '春节', '清明', '劳动', '端午', '国庆']) expect(names).toContain(festival);
    // Real years have about 248-251 working days; far outside that means a mistyped range.
    const days = calendar.workingDaysBetween(`${Number(year) - 1}-12-31`, `${year}-12-31`);
    expect(days).toBeGreaterThanOrEqual(245);
    expect(days).toBeLessThanOrEqual(252);
  }
}

describe('data/holidays-cn.json', () => {
  const repoCopy = readJson(repoCopyPath);

  it('has not drifted from the shared source (or, without one, is well-formed)', () => {
    if (fs.existsSync(sharedSourcePath)) {
      expect(repoCopy).toEqual(readJson(sharedSourcePath));
    } else {
      expectWellFormed(repoCopy);
    }
  });

  it('is well-formed', () => {
    expectWellFormed(repoCopy);
  });
});

describe('parseHolidayData', () => {
  const valid = (): HolidayData => ({
    source: 'test',
    years: {
      '2025': {
        off: [{ name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' }],
        work: ['2025-09-28', '2025-10-11'],
      },
    },
  });

  const problemsOf = (raw: unknown): readonly string[] => {
    try {
      parseHolidayData(raw);
    } catch (e) {
      if (e instanceof HolidayDataError) return e.problems;
      throw e;
    }
    throw new Error('expected HolidayDataError');
  };

  it('accepts valid data unchanged', () => {
    const data = valid();
    expect(parseHolidayData(data)).toBe(data);
  });

  it('accepts a New Year range that starts in the previous December', () => {
    const data = valid();
    data.years['2025']!.off.push({ name: '元旦', from: '2024-12-30', to: '2025-01-01' });
    expect(() => parseHolidayData(data)).not.toThrow();
  });

  it.each([
    ['a make-up day that is a weekday', (d: HolidayData) => void (d.years['2025']!.work[0] = '2025-09-29'), /weekday/],
    ['a reversed range', (d: HolidayData) => void (d.years['2025']!.off[0]!.to = '2025-09-01'), /before/],
    ['an impossible date', (d: HolidayData) => void (d.years['2025']!.off[0]!.from = '2025-09-31'), /real dates/],
    [
      'a range longer than a month',
      (d: HolidayData) => void (d.years['2025']!.off[0]!.to = '2025-11-08'),
      /longer than/,
    ],
    [
      'a range in another year',
      (d: HolidayData) => void d.years['2025']!.off.push({ name: '春节', from: '2026-02-15', to: '2026-02-23' }),
      /outside year/,
    ],
    [
      'overlapping ranges',
      (d: HolidayData) => void d.years['2025']!.off.push({ name: '中秋节', from: '2025-10-06', to: '2025-10-06' }),
      /listed twice/,
    ],
    [
      'a make-up day inside a holiday',
      (d: HolidayData) => void d.years['2025']!.work.push('2025-10-04'),
      /listed twice/,
    ],
    ['a bad year key', (d: HolidayData) => void (d.years['25'] = { off: [], work: [] }), /four digits/],
    ['a missing source', (d: HolidayData) => void (d.source = ''), /source/],
  ])('rejects %s', (_label, mutate, expected) => {
    const data = valid();
    mutate(data);
    expect(problemsOf(data).join('\n')).toMatch(expected);
  });

  it('reports every problem at once', () => {
    const data = valid();
    data.source = '';
    data.years['2025']!.work = ['2025-09-29', '2025-10-10'];
    expect(problemsOf(data)).toHaveLength(3);
  });

  it('rejects non-objects and empty years', () => {
    expect(problemsOf(null)).toEqual(['root must be an object']);
    expect(problemsOf({ source: 'x', years: {} }).join()).toMatch(/non-empty/);
    expect(problemsOf({ source: 'x', years: { '2025': { off: 'none' } } }).join()).toMatch(/arrays/);
  });
});
