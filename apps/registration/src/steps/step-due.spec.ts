import { officialCalendarWithFallback, type HolidayYear, provisionalFieldsOf } from '@onewindow/calendar';
import { dueView, recountDue, stepDue } from './step-due';

// 2026-12-31 10:00 in Shanghai, a Thursday: the last working day the data file (2024–2026) covers.
const NEW_YEARS_EVE = new Date('2026-12-31T02:00:00Z');
// A made-up 2027 notice (the real one is not out): 元旦 Friday to Monday, Saturday 01-09 worked instead.
const NOTICE_2027: HolidayYear = {
  off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }],
  work: ['2027-01-09'],
};

const calendar = () => officialCalendarWithFallback(() => undefined);

describe('a step due date counted through a year without a holiday notice', () => {
  it('is counted on the statutory holidays and names the year it is provisional for', () => {
    // 2027-01-01 (元旦, Friday) is a statutory holiday, then the weekend: the next working day is Monday.
    expect(stepDue(calendar(), NEW_YEARS_EVE, 1)).toEqual({ dueOn: '2027-01-04', provisionalYears: [2027] });
    expect(stepDue(calendar(), new Date('2026-12-03T09:00:00Z'), 1)).toEqual({
      dueOn: '2026-12-04',
      provisionalYears: [],
    });
  });

  it('counts from the Shanghai date of the request, not the UTC one', () => {
    // 2026-12-30 17:00 UTC is already 2026-12-31 01:00 in Shanghai.
    expect(stepDue(calendar(), new Date('2026-12-30T17:00:00Z'), 1).dueOn).toBe('2027-01-04');
  });

  it('says why in Chinese and English, and nothing when the date is final', () => {
    expect(provisionalFieldsOf([])).toEqual({ provisional: false, provisionalReason: null });
    const p = provisionalFieldsOf([2027]);
    expect(p.provisional).toBe(true);
    expect(p.provisionalReason).toMatch(
      /2027 年国务院办公厅节假日安排通知尚未发布.*\(provisional: no official holiday notice for 2027/,
    );
  });

  it('is recounted once the notice is official, with the change kept', () => {
    const cal = calendar();
    const stored = { requestedAt: NEW_YEARS_EVE, limit: 1, dueOn: '2027-01-04', provisionalYears: [2027], attempt: 2 };
    const at = new Date('2026-12-20T01:00:00Z');
    expect(recountDue(cal, stored, at)).toBeNull(); // no notice yet: nothing to recount

    cal.addOfficialYears({ source: 'test notice', years: { '2027': NOTICE_2027 } });
    const r = recountDue(cal, stored, at)!;
    expect(r.changed).toBe(true);
    expect(r.due).toEqual({ dueOn: '2027-01-05', provisionalYears: [] });
    expect(r.change).toEqual({
      previousDueOn: '2027-01-04',
      dueOn: '2027-01-05',
      at: at.toISOString(),
      officialYears: [2027],
      reason: expect.stringMatching(/重新核定.*recounted/),
      attempt: 2,
    });
  });

  it('keeps the date when the notice does not move it, and says so', () => {
    const cal = calendar();
    cal.addOfficialYears({
      source: 'test notice',
      years: { '2027': { off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], work: [] } },
    });
    const r = recountDue(
      cal,
      { requestedAt: NEW_YEARS_EVE, limit: 1, dueOn: '2027-01-04', provisionalYears: [2027], attempt: 1 },
      new Date(),
    )!;
    expect(r.changed).toBe(false);
    expect(r.due.dueOn).toBe('2027-01-04');
    expect(r.change.reason).toMatch(/不变.*unchanged/);
  });

  it('stays provisional for a later year still without a notice', () => {
    const cal = calendar();
    cal.addOfficialYears({ source: 'test notice', years: { '2027': NOTICE_2027 } });
    // 300 working days from 2026-12-31 run past 2027 into 2028, which has no notice.
    const r = recountDue(
      cal,
      { requestedAt: NEW_YEARS_EVE, limit: 300, dueOn: '2028-03-01', provisionalYears: [2027, 2028], attempt: 1 },
      new Date(),
    )!;
    expect(r.change.officialYears).toEqual([2027]);
    expect(r.due.provisionalYears).toEqual([2028]);
  });
});

describe('dueView', () => {
  it('shows the stored years as provisional beside the date, with the recounts', () => {
    const history = [
      {
        previousDueOn: '2027-01-04',
        dueOn: '2027-01-05',
        at: '2026-12-20T01:00:00.000Z',
        officialYears: [2027],
        reason: 'r',
        attempt: 1,
      },
    ];
    expect(dueView({ dueOn: '2027-01-05', dueProvisionalYears: [], dueHistory: history })).toEqual({
      dueOn: '2027-01-05',
      provisional: false,
      provisionalReason: null,
      dueHistory: history,
    });
    expect(dueView({ dueOn: '2027-01-04', dueProvisionalYears: [2027], dueHistory: [] })).toEqual(
      expect.objectContaining({ provisional: true, provisionalReason: expect.stringContaining('2027') }),
    );
  });

  it('a step without a date is not provisional', () => {
    expect(dueView({ dueOn: null, dueProvisionalYears: [2027], dueHistory: null })).toEqual({
      dueOn: null,
      provisional: false,
      provisionalReason: null,
      dueHistory: [],
    });
  });
});
