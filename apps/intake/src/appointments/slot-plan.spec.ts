import { intakeCalendar } from '../deadlines/intake-calendar';
import { planSlots, SlotPlanError } from './slot-plan';

describe('slot plan', () => {
  it('opens slots on working days only, in Shanghai time', () => {
    // 2026-10-01..07 is the National Day holiday (and 10-03/04 are a weekend in it); 10-10 (Sat) is a make-up working day.
    const slots = planSlots({
      fromDate: '2026-09-30',
      toDate: '2026-10-10',
      dailyStart: '09:00',
      dailyEnd: '10:00',
      slotMinutes: 30,
    });
    const days = [...new Set(slots.map((s) => s.startsAt.toISOString().slice(0, 10)))];
    expect(days).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(slots[0]!.startsAt.toISOString()).toBe('2026-09-30T01:00:00.000Z');
    expect(slots[1]!.endsAt.toISOString()).toBe('2026-09-30T02:00:00.000Z');
    expect(slots).toHaveLength(8);
  });

  it('can include rest days on request', () => {
    expect(
      planSlots({
        fromDate: '2026-10-03',
        toDate: '2026-10-04',
        dailyStart: '09:00',
        dailyEnd: '09:45',
        slotMinutes: 15,
        workingDaysOnly: false,
      }),
    ).toHaveLength(6);
  });

  it.each([
    [{ dailyStart: '10:00', dailyEnd: '09:00' }, /dailyEnd/],
    [{ dailyStart: '9:00' }, /HH:mm/],
    [{ slotMinutes: 2 }, /slotMinutes/],
    [{ toDate: '2026-11-01' }, /toDate/],
    [{ toDate: '2027-06-01', workingDaysOnly: false }, /at most/],
    [{ toDate: '2027-01-10' }, /2027/],
  ])('refuses %j', (change, message) => {
    const base = {
      fromDate: '2026-12-28',
      toDate: '2026-12-30',
      dailyStart: '09:00',
      dailyEnd: '12:00',
      slotMinutes: 30,
    };
    expect(() => planSlots({ ...base, ...change })).toThrow(SlotPlanError);
    expect(() => planSlots({ ...base, ...change })).toThrow(message);
  });

  it('opens a year once its notice is published to intake, on that notice', () => {
    const plan = {
      fromDate: '2026-12-31',
      toDate: '2027-01-05',
      dailyStart: '09:00',
      dailyEnd: '09:30',
      slotMinutes: 30,
    };
    expect(() => planSlots(plan)).toThrow(/2027/);
    intakeCalendar.addOfficialYears({
      source: 'test notice',
      years: { '2027': { off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }], work: [] } },
    });
    const days = planSlots(plan).map((s) => s.startsAt.toISOString().slice(0, 10));
    expect(days).toEqual(['2026-12-31', '2027-01-05']);
  });
});
