import { createEnvelope, EventRegistry, intakeContracts, Topics } from '@onewindow/contracts';

const registry = new EventRegistry(intakeContracts);
const core = {
  applicationId: '7b0c7f7e-6a43-4c55-9a55-3f2b3d4a1c10',
  applicationNumber: '12010120261123IN000001',
  itemCode: 'XK-SCJG-001',
  itemVersion: 2,
  department: 'SCJG',
  division: '120101',
  state: 'ACCEPTED',
};
const env = (name: string, data: unknown) =>
  createEnvelope({
    type: `intake.application.${name}`,
    source: 'intake',
    subject: core.applicationId,
    actor: { type: 'staff', id: 's1' },
    data,
  });

describe('intake application event contracts (A14)', () => {
  it('one contract per transition, all on intake.application.v1', () => {
    const application = intakeContracts.filter((c) => c.type.startsWith('intake.application.'));
    expect(application.map((c) => c.type.replace('intake.application.', '')).sort()).toEqual([
      'accepted',
      'claimed',
      'concluded',
      'corrected',
      'correction-requested',
      'decided',
      'deemed-accepted',
      'delivered',
      'due-dates-recalculated',
      'extended',
      'gap-accepted',
      'paused',
      'received',
      'rejected',
      'resumed',
      'reviewed',
      'secondary-material-overdue',
      'secondary-material-reminder',
      'task-assigned',
      'withdrawn',
    ]);
    expect(new Set(application.map((c) => c.topic))).toEqual(new Set([Topics.intakeApplication]));
    // The calendar's notices travel on their own topic (ADR 0022).
    expect(intakeContracts.filter((c) => !application.includes(c)).map((c) => [c.type, c.topic])).toEqual([
      ['intake.calendar.year-published', Topics.intakeCalendar],
    ]);
  });

  it('due dates carry whether they are provisional and why; an old event without it still passes', () => {
    const ok = {
      ...core,
      acceptedOn: '2026-12-04',
      promisedDue: '2026-12-11',
      legalDue: '2027-01-04',
      instant: false,
      document: null,
    };
    const told = { ...ok, provisional: true, provisionalReason: '2027 年国务院办公厅节假日安排通知尚未发布' };
    expect(registry.validate(env('accepted', told)).data).toEqual(told);
    expect(registry.validate(env('accepted', ok)).data).toEqual(ok);
    expect(() => registry.validate(env('accepted', { ...ok, provisional: 'yes' }))).toThrow(/invalid payload/);
  });

  it('a well-formed payload passes; the common core is required on every event', () => {
    const ok = {
      ...core,
      acceptedOn: '2026-11-23',
      promisedDue: '2026-11-30',
      legalDue: '2026-12-21',
      instant: false,
      document: null,
    };
    expect(registry.validate(env('accepted', ok)).data).toEqual(ok);
    for (const field of Object.keys(core)) {
      const { [field]: _dropped, ...rest } = ok as Record<string, unknown>;
      expect(() => registry.validate(env('accepted', rest))).toThrow(/invalid payload/);
    }
  });

  it('payloads are strict: unknown fields, bad dates and unknown states are refused', () => {
    const base = { ...core, days: 5, reason: 'r', approvedBy: 'a', promisedDue: '2026-11-30', legalDue: '2026-12-28' };
    expect(() => registry.validate(env('extended', base))).not.toThrow();
    expect(() => registry.validate(env('extended', { ...base, extra: 1 }))).toThrow(/invalid payload/);
    expect(() => registry.validate(env('extended', { ...base, days: 11 }))).toThrow(/invalid payload/);
    expect(() => registry.validate(env('extended', { ...base, legalDue: '28/12/2026' }))).toThrow(/invalid payload/);
    expect(() => registry.validate(env('extended', { ...base, state: 'LOST' }))).toThrow(/invalid payload/);
  });
});
