import { randomUUID } from 'node:crypto';
import type { CitizenPrincipal, Principal } from '@onewindow/auth';
import { principals } from '@onewindow/testing';
import { bootServicesTestApp, ServicesTestApp } from '../src/documents/testing/services-test-app';
import { AppointmentClockService } from '../src/appointments/appointment-clock.service';

/** The clerks' centre (their org unit): its slots, tickets and board. */
const CENTRE = principals.cityClerk.orgUnit;

/** Wall-clock instants in Asia/Shanghai. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('appointments and queue tickets (A11)', () => {
  let t: ServicesTestApp;
  let clock: AppointmentClockService;

  beforeAll(async () => {
    t = await bootServicesTestApp('appt');
    clock = t.app.get(AppointmentClockService);
  });
  beforeEach(() => clock.pin(at('2026-11-24T08:00:00'))); // a Tuesday, the day before the slots
  afterAll(async () => {
    clock?.pin(null);
    await t?.close();
  });

  const count = async (table: string) => Number((await t.ds.query(`select count(*) from ${table}`))[0].count);
  const openSlots = async (category: string, capacity = 5, over: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/appointments/slots', principals.cityClerk, {
      category,
      fromDate: '2026-11-25',
      toDate: '2026-11-25',
      dailyStart: '09:00',
      dailyEnd: '11:00',
      slotMinutes: 30,
      capacity,
      ...over,
    });
    expect(res.statusCode).toBe(201);
    const slots = (
      await t.call(
        'GET',
        `/appointments/slots?centre=${CENTRE}&category=${encodeURIComponent(category)}&fromDate=2026-11-25&toDate=2026-11-25`,
      )
    ).json();
    return { opened: res.json(), slots };
  };
  const citizen = (i: number): CitizenPrincipal => ({ type: 'citizen', sub: `u-many-${i}`, name: `市民${i}` });

  it("opens slots on a clerk's centre, once, and lists them publicly with what is left", async () => {
    const { opened, slots } = await openSlots('SCJG');
    expect(opened).toEqual({ created: 4, skipped: 0 });
    expect(
      slots.map((s: { startsAt: string; available: number; centre: string }) => [s.startsAt, s.available, s.centre]),
    ).toEqual([
      ['2026-11-25T01:00:00.000Z', 5, CENTRE],
      ['2026-11-25T01:30:00.000Z', 5, CENTRE],
      ['2026-11-25T02:00:00.000Z', 5, CENTRE],
      ['2026-11-25T02:30:00.000Z', 5, CENTRE],
    ]);
    expect(
      (
        await t.call('POST', '/appointments/slots', principals.cityClerk, {
          category: 'SCJG',
          fromDate: '2026-11-25',
          toDate: '2026-11-25',
          dailyStart: '09:00',
          dailyEnd: '11:00',
          slotMinutes: 30,
          capacity: 5,
        })
      ).json(),
    ).toEqual({ created: 0, skipped: 4 });
    // a holiday-only range opens nothing; the past is refused
    expect(
      (
        await t.call('POST', '/appointments/slots', principals.cityClerk, {
          category: 'SCJG',
          fromDate: '2026-11-28',
          toDate: '2026-11-29',
          dailyStart: '09:00',
          dailyEnd: '11:00',
          slotMinutes: 30,
          capacity: 5,
        })
      ).json(),
    ).toEqual({ created: 0, skipped: 0 });
    expect(
      (
        await t.call('POST', '/appointments/slots', principals.cityClerk, {
          category: 'SCJG',
          fromDate: '2026-11-20',
          toDate: '2026-11-25',
          dailyStart: '09:00',
          dailyEnd: '11:00',
          slotMinutes: 30,
          capacity: 5,
        })
      ).statusCode,
    ).toBe(422);
  });

  it('never overbooks: 20 applicants booking a slot of capacity 5 at once, exactly 5 succeed', async () => {
    const { slots } = await openSlots('RUSH', 5);
    const slotId = slots[0].id;
    for (let i = 0; i < 20; i++) await t.token(citizen(i)); // sign first, so the bookings really race
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.call('POST', '/appointments', citizen(i), { slotId })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    const [row] = await t.ds.query('select booked, capacity from appointment_slot where id = $1', [slotId]);
    expect(row).toEqual({ booked: 5, capacity: 5 });
    expect(
      (await t.ds.query(`select count(*) from appointment where slot_id = $1 and status = 'booked'`, [slotId]))[0]
        .count,
    ).toBe('5');
    const full = results.find((r) => r.statusCode === 409)!.json();
    expect(full.message).toContain('约满');
  });

  it('allows one booking per applicant per slot, even when the same applicant clicks five times at once', async () => {
    const { slots } = await openSlots('ONCE', 10);
    const slotId = slots[0].id;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.call('POST', '/appointments', principals.citizen, { slotId })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const [row] = await t.ds.query('select booked from appointment_slot where id = $1', [slotId]);
    expect(row.booked).toBe(1);
  });

  it("cancels before the slot starts and gives the seat back; not after, not twice, not someone else's", async () => {
    const { slots } = await openSlots('CANCEL', 1);
    const a = (await t.call('POST', '/appointments', principals.citizen, { slotId: slots[0].id })).json();
    expect((await t.call('POST', '/appointments', principals.otherCitizen, { slotId: slots[0].id })).statusCode).toBe(
      409,
    );
    expect((await t.call('POST', `/appointments/${a.id}/cancel`, principals.otherCitizen)).statusCode).toBe(404);
    const cancelled = await t.call('POST', `/appointments/${a.id}/cancel`, principals.citizen);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', slot: { available: 1 } });
    expect((await t.call('POST', `/appointments/${a.id}/cancel`, principals.citizen)).json().details).toMatchObject({
      currentState: 'cancelled',
    });
    // the seat is free again, and the same applicant may book it again after cancelling
    const again = await t.call('POST', '/appointments', principals.citizen, { slotId: slots[0].id });
    expect(again.statusCode).toBe(201);
    clock.pin(at('2026-11-25T09:01:00'));
    expect((await t.call('POST', `/appointments/${again.json().id}/cancel`, principals.citizen)).statusCode).toBe(409);
    expect((await t.call('POST', '/appointments', principals.otherCitizen, { slotId: slots[1].id })).statusCode).toBe(
      201,
    );
    expect((await t.call('POST', '/appointments', principals.enterprise, { slotId: slots[0].id })).statusCode).toBe(
      409,
    ); // started
  });

  it('shows applicants only their own appointments; clerks those of their centre', async () => {
    const { slots } = await openSlots('MINE', 5);
    const a = (await t.call('POST', '/appointments', principals.enterprise, { slotId: slots[0].id })).json();
    const mine = (await t.call('GET', '/appointments', principals.enterprise)).json();
    expect(mine.map((x: { id: string }) => x.id)).toContain(a.id);
    expect(
      (await t.call('GET', '/appointments', principals.otherCitizen)).json().map((x: { id: string }) => x.id),
    ).not.toContain(a.id);
    expect((await t.call('GET', `/appointments/${a.id}`, principals.enterprise)).statusCode).toBe(200);
    expect((await t.call('GET', `/appointments/${a.id}`, principals.otherCitizen)).statusCode).toBe(404);
    expect((await t.call('GET', `/appointments/${a.id}`, principals.cityClerk)).statusCode).toBe(200);
    expect((await t.call('GET', `/appointments/${a.id}`, principals.hepingClerk)).statusCode).toBe(404);
    expect((await t.call('GET', `/appointments/${randomUUID()}`, principals.enterprise)).statusCode).toBe(404);
    expect((await t.call('GET', `/appointments/${a.id}`)).statusCode).toBe(401);
  });

  it('numbers tickets per centre, per day and per category', async () => {
    const walkIn = (category: string, as: Principal = principals.cityClerk) =>
      t.call('POST', '/queue/tickets', as, { category });
    const first = await walkIn('Q1');
    expect(first.statusCode).toBe(201);
    const letter = first.json().number[0];
    expect(first.json()).toMatchObject({
      number: `${letter}001`,
      centre: CENTRE,
      day: '2026-11-24',
      kind: 'walk-in',
      status: 'waiting',
    });
    expect((await walkIn('Q1')).json().number).toBe(`${letter}002`);
    const other = (await walkIn('Q2')).json().number;
    expect(other).toMatch(/^[A-Z]001$/);
    expect(other[0]).not.toBe(letter);
    expect((await walkIn('Q1', principals.cityClerkApprover)).json().number).toBe(`${letter}003`); // same centre, another clerk
    expect((await walkIn('Q1', principals.hepingClerk)).json().number).toBe('A001'); // another centre: its own letters and numbers
    // concurrent tickets get distinct consecutive numbers
    const burst = await Promise.all(Array.from({ length: 8 }, () => walkIn('Q1')));
    expect(burst.map((r) => r.json().number).sort()).toEqual(
      [4, 5, 6, 7, 8, 9, 10, 11].map((n) => `${letter}${String(n).padStart(3, '0')}`),
    );
    clock.pin(at('2026-11-25T08:00:00'));
    expect((await walkIn('Q1')).json()).toMatchObject({ number: `${letter}001`, day: '2026-11-25' });
  });

  it('checks in an appointment within its window, once, and calls appointments first during their slot', async () => {
    const { slots } = await openSlots('CALL', 5);
    const a = (await t.call('POST', '/appointments', principals.citizen, { slotId: slots[0].id })).json(); // 09:00-09:30
    // too early (more than an hour before the slot)
    clock.pin(at('2026-11-25T07:30:00'));
    expect((await t.call('POST', '/queue/tickets', principals.citizen, { appointmentId: a.id })).statusCode).toBe(409);
    // a walk-in arrives first, then the applicant with the appointment
    clock.pin(at('2026-11-25T08:50:00'));
    const walk = (await t.call('POST', '/queue/tickets', principals.cityClerk, { category: 'CALL' })).json();
    clock.pin(at('2026-11-25T08:55:00'));
    expect((await t.call('POST', '/queue/tickets', principals.otherCitizen, { appointmentId: a.id })).statusCode).toBe(
      404,
    ); // not li's
    const checkIn = await t.call('POST', '/queue/tickets', principals.citizen, { appointmentId: a.id });
    expect(checkIn.statusCode).toBe(201);
    const ticket = checkIn.json();
    expect(ticket).toMatchObject({ kind: 'appointment', category: 'CALL', number: `${walk.number[0]}002` });
    const repeat = await t.call('POST', '/queue/tickets', principals.citizen, { appointmentId: a.id });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json().id).toBe(ticket.id);
    expect((await t.call('GET', `/appointments/${a.id}`, principals.citizen)).json().status).toBe('checked-in');

    // before the slot starts, arrival order holds: the walk-in is first
    const early = (
      await t.call('POST', '/queue/call-next', principals.cityClerk, { windowNo: '3', categories: ['CALL'] })
    ).json();
    expect(early.ticket.number).toBe(walk.number);
    // a second walk-in; once the slot is on, the appointment goes before it
    clock.pin(at('2026-11-25T09:02:00'));
    const walk2 = (await t.call('POST', '/queue/tickets', principals.cityClerk, { category: 'CALL' })).json();
    clock.pin(at('2026-11-25T09:05:00'));
    const next = await t.call('POST', '/queue/call-next', principals.cityClerkApprover, {
      windowNo: '7',
      categories: ['CALL'],
    });
    expect(next.statusCode).toBe(200);
    expect(next.json().ticket).toMatchObject({ number: ticket.number, status: 'called', windowNo: '7' });
    expect(
      (await t.call('POST', '/queue/call-next', principals.cityClerk, { windowNo: '3', categories: ['CALL'] })).json()
        .ticket.number,
    ).toBe(walk2.number);
    expect(
      (await t.call('POST', '/queue/call-next', principals.cityClerk, { windowNo: '3', categories: ['CALL'] })).json(),
    ).toEqual({ ticket: null });
    // the window's previous ticket counts as served
    expect((await t.ds.query('select status from queue_ticket where id = $1', [walk.id]))[0].status).toBe('served');

    const board = await t.call('GET', `/queue/${CENTRE}/board`);
    expect(board.statusCode).toBe(200);
    expect(
      board
        .json()
        .called.slice(0, 3)
        .map((c: { number: string; windowNo: string }) => [c.number, c.windowNo]),
    ).toEqual([
      [walk2.number, '3'],
      [ticket.number, '7'],
      [walk.number, '3'],
    ]);
    expect(JSON.stringify(board.json())).not.toMatch(new RegExp(`${principals.citizen.sub}|citizen|owner|clerk|张`));
  });

  it('two windows calling at once never get the same ticket', async () => {
    clock.pin(at('2026-11-26T10:00:00'));
    for (let i = 0; i < 6; i++) await t.call('POST', '/queue/tickets', principals.cityClerk, { category: 'PAR' });
    const calls = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.call('POST', '/queue/call-next', principals.cityClerk, { windowNo: `W${i}`, categories: ['PAR'] }),
      ),
    );
    const numbers = calls.map((c) => c.json().ticket?.number).filter(Boolean);
    expect(numbers).toHaveLength(6);
    expect(new Set(numbers).size).toBe(6);
  });

  it('keeps applicants out of clerk routes (403) and walk-in tickets at the centre', async () => {
    expect(
      (
        await t.call('POST', '/appointments/slots', principals.citizen, {
          category: 'X',
          fromDate: '2026-11-25',
          toDate: '2026-11-25',
          dailyStart: '09:00',
          dailyEnd: '11:00',
          slotMinutes: 30,
          capacity: 5,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.call('POST', '/appointments/slots', principals.hepingScjgApprover, {
          category: 'X',
          fromDate: '2026-11-25',
          toDate: '2026-11-25',
          dailyStart: '09:00',
          dailyEnd: '11:00',
          slotMinutes: 30,
          capacity: 5,
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.call('POST', '/queue/call-next', principals.citizen, { windowNo: '1' })).statusCode).toBe(403);
    expect((await t.call('POST', '/queue/tickets', principals.citizen, { category: 'SCJG' })).statusCode).toBe(403);
    expect((await t.call('POST', '/appointments', principals.cityClerk, { slotId: randomUUID() })).statusCode).toBe(
      403,
    );
    expect((await t.call('POST', '/appointments', principals.citizen, { slotId: randomUUID() })).statusCode).toBe(404);
  });

  it('refuses malformed input on every route with 400 and writes nothing', async () => {
    const { slots } = await openSlots('BAD', 5);
    const tables = ['appointment_slot', 'appointment', 'queue_ticket', 'queue_counter', 'queue_category'];
    const snapshot = async () => Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(x)])));
    const before = await snapshot();
    const range = {
      category: 'BAD',
      fromDate: '2026-11-26',
      toDate: '2026-11-26',
      dailyStart: '09:00',
      dailyEnd: '11:00',
      slotMinutes: 30,
      capacity: 5,
    };
    const cases: [string, string, unknown, unknown][] = [
      ['POST', '/appointments/slots', principals.cityClerk, { ...range, centre: 'ELSEWHERE' }],
      ['POST', '/appointments/slots', principals.cityClerk, { ...range, capacity: 0 }],
      ['POST', '/appointments/slots', principals.cityClerk, { ...range, capacity: '5' }],
      ['POST', '/appointments/slots', principals.cityClerk, { ...range, dailyStart: '9am' }],
      ['POST', '/appointments/slots', principals.cityClerk, { ...range, fromDate: '2026-13-01' }],
      ['POST', '/appointments/slots', principals.cityClerk, { ...range, category: '<b>' }],
      ['POST', '/appointments', principals.citizen, { slotId: slots[0].id, note: 'hi' }],
      ['POST', '/appointments', principals.citizen, { slotId: 'slot-1' }],
      ['POST', '/appointments', principals.citizen, {}],
      ['POST', `/appointments/not-a-uuid/cancel`, principals.citizen, undefined],
      ['GET', '/appointments/not-a-uuid', principals.citizen, undefined],
      ['GET', `/appointments/slots?centre=${CENTRE}&fromDate=tomorrow&toDate=2026-11-25`, undefined, undefined],
      ['GET', '/appointments/slots?fromDate=2026-11-25&toDate=2026-11-25', undefined, undefined],
      ['POST', '/queue/tickets', principals.cityClerk, {}],
      ['POST', '/queue/tickets', principals.cityClerk, { category: 'BAD', appointmentId: randomUUID() }],
      ['POST', '/queue/tickets', principals.cityClerk, { category: 'BAD', priority: 1 }],
      ['POST', '/queue/tickets', principals.citizen, { appointmentId: 42 }],
      ['POST', '/queue/call-next', principals.cityClerk, {}],
      ['POST', '/queue/call-next', principals.cityClerk, { windowNo: '3', categories: [] }],
      ['POST', '/queue/call-next', principals.cityClerk, { windowNo: 'window number three' }],
      ['GET', '/queue/%3Cscript%3E/board', undefined, undefined],
    ];
    for (const [method, url, as, body] of cases) {
      const res = await t.call(method as 'GET' | 'POST', url, as as never, body);
      expect({ method, url, body, status: res.statusCode }).toEqual({ method, url, body, status: 400 });
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    const bad = await t.call('POST', '/appointments/slots', principals.cityClerk, {
      ...range,
      centre: 'ELSEWHERE',
      capacity: -1,
    });
    expect(
      bad
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['capacity', 'centre']);
    expect(await snapshot()).toEqual(before);
  });
});
