import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { isOwner, type Principal, type StaffPrincipal } from '@onewindow/auth';
import { toIsoDate } from '@onewindow/calendar';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { newId } from '@onewindow/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentClock } from './appointment-clock';
import { APPOINTMENT } from './appointment.service';
import { AppointmentEntity } from './entities/appointment.entity';
import { AppointmentSlotEntity } from './entities/appointment-slot.entity';
import { QueueTicketEntity } from './entities/queue-ticket.entity';
import { categoryLetter, ticketNumber } from './ticket-number';

/** How early before the slot an applicant may check in, and until when (the slot's end). */
export const CHECK_IN_EARLY_MINUTES = 60;

export interface BoardView {
  centre: string;
  day: string;
  called: { number: string; windowNo: string; calledAt: string }[];
  waiting: { category: string; letter: string; count: number }[];
}

/** Queue tickets (叫号) on arrival and calling the next one to a window (A11). */
@Injectable()
export class QueueService {
  constructor(private readonly ds: DataSource, private readonly clock: AppointmentClock) {}

  /**
   * Check-in with an appointment: by its applicant, or by a clerk of its centre (the guide desk).
   * Checking in twice returns the same ticket.
   */
  async ticketForAppointment(p: Principal, appointmentId: string): Promise<{ ticket: QueueTicketEntity; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const appointment = await m.findOne(AppointmentEntity, { where: { id: appointmentId }, lock: { mode: 'pessimistic_write' } });
      const slot = appointment && (await m.findOne(AppointmentSlotEntity, { where: { id: appointment.slotId } }));
      const visible = appointment && slot && (isOwner(p, appointment.ownerSubject) || (p.type === 'staff' && p.orgUnit === slot.centre));
      if (!appointment || !slot || !visible) throw new NotVisibleError(APPOINTMENT, appointmentId);
      if (appointment.status === 'checked-in') {
        return { ticket: await m.findOneOrFail(QueueTicketEntity, { where: { appointmentId } }), created: false };
      }
      if (appointment.status !== 'booked') throw new InvalidTransitionError(APPOINTMENT, appointment.status, 'check-in');
      const now = this.clock.now();
      const opens = new Date(slot.startsAt.getTime() - CHECK_IN_EARLY_MINUTES * 60_000);
      if (now < opens || now >= slot.endsAt) {
        throw new ConflictException({
          message: '不在签到时间内：请于预约时段开始前一小时至时段结束前到达 (outside the check-in window)',
          details: { opensAt: opens.toISOString(), closesAt: slot.endsAt.toISOString() },
        });
      }
      await m.update(AppointmentEntity, { id: appointmentId }, { status: 'checked-in', checkedInAt: now });
      const ticket = await this.issue(m, {
        centre: slot.centre,
        category: slot.category,
        kind: 'appointment',
        appointmentId,
        slotStartsAt: slot.startsAt,
        slotEndsAt: slot.endsAt,
        ownerSubject: appointment.ownerSubject,
        issuedBy: `${p.type}:${p.sub}`,
        now,
      });
      return { ticket, created: true };
    });
  }

  /** A walk-in ticket, issued at the centre (guide desk or kiosk operated by staff). */
  async walkIn(clerk: StaffPrincipal, category: string): Promise<QueueTicketEntity> {
    return this.ds.transaction((m) =>
      this.issue(m, { centre: clerk.orgUnit, category, kind: 'walk-in', appointmentId: null, slotStartsAt: null, slotEndsAt: null, ownerSubject: null, issuedBy: `staff:${clerk.sub}`, now: this.clock.now() }),
    );
  }

  private async issue(
    m: EntityManager,
    t: Pick<QueueTicketEntity, 'centre' | 'category' | 'kind' | 'appointmentId' | 'slotStartsAt' | 'slotEndsAt' | 'ownerSubject' | 'issuedBy'> & { now: Date },
  ): Promise<QueueTicketEntity> {
    const day = toIsoDate(t.now);
    const letter = await this.letterOf(m, t.centre, t.category);
    // The day's counter row per centre and category: the upsert takes its row lock until commit, so
    // two tickets of one category never get the same number (the unique key backs this).
    const [{ last }] = (await m.query(
      `insert into queue_counter (centre, day, category, last) values ($1, $2, $3, 1)
       on conflict (centre, day, category) do update set last = queue_counter.last + 1
       returning last`,
      [t.centre, day, t.category],
    )) as { last: number }[];
    const ticket: QueueTicketEntity = {
      id: newId(),
      centre: t.centre,
      day,
      category: t.category,
      seq: last!,
      number: ticketNumber(letter, last!),
      kind: t.kind,
      appointmentId: t.appointmentId,
      slotStartsAt: t.slotStartsAt,
      slotEndsAt: t.slotEndsAt,
      ownerSubject: t.ownerSubject,
      status: 'waiting',
      issuedAt: t.now,
      issuedBy: t.issuedBy,
      calledAt: null,
      calledBy: null,
      windowNo: null,
    };
    await m.insert(QueueTicketEntity, ticket);
    return ticket;
  }

  /** The category's letter at the centre, assigned on first use (A, B, ... in order of first ticket). */
  private async letterOf(m: EntityManager, centre: string, category: string): Promise<string> {
    const found = (await m.query(`select letter from queue_category where centre = $1 and category = $2`, [centre, category])) as { letter: string }[];
    if (found[0]) return found[0].letter;
    // First ticket of a new category at this centre: serialise letter assignment per centre.
    await m.query(`select pg_advisory_xact_lock(hashtext('queue-category:' || $1))`, [centre]);
    const again = (await m.query(`select letter from queue_category where centre = $1 and category = $2`, [centre, category])) as { letter: string }[];
    if (again[0]) return again[0].letter;
    const [{ n }] = (await m.query(`select count(*)::int as n from queue_category where centre = $1`, [centre])) as { n: number }[];
    const letter = categoryLetter(n!);
    await m.query(`insert into queue_category (centre, category, letter) values ($1, $2, $3)`, [centre, category, letter]);
    return letter;
  }

  /**
   * Calls the next ticket to a window at the clerk's centre. Order: appointment tickets whose slot
   * is on now (by slot start), then everyone else by arrival. The ticket previously called to this
   * window counts as served. SKIP LOCKED lets two windows call at once without getting the same ticket.
   */
  async callNext(clerk: StaffPrincipal, windowNo: string, categories?: string[]): Promise<QueueTicketEntity | null> {
    return this.ds.transaction(async (m) => {
      const now = this.clock.now();
      const day = toIsoDate(now);
      await m.query(`update queue_ticket set status = 'served' where centre = $1 and day = $2 and window_no = $3 and status = 'called'`, [clerk.orgUnit, day, windowNo]);
      const params: unknown[] = [clerk.orgUnit, day, now];
      const byCategory = categories?.length ? `and category = any($${params.push(categories)})` : '';
      const rows = (await m.query(
        `select id from queue_ticket
          where centre = $1 and day = $2 and status = 'waiting' ${byCategory}
          order by case when slot_starts_at <= $3 and $3 < slot_ends_at then 0 else 1 end,
                   case when slot_starts_at <= $3 and $3 < slot_ends_at then slot_starts_at end nulls last,
                   issued_at, seq
          limit 1
          for update skip locked`,
        params,
      )) as { id: string }[];
      if (!rows[0]) return null;
      await m.update(QueueTicketEntity, { id: rows[0].id }, { status: 'called', calledAt: now, calledBy: clerk.sub, windowNo });
      return m.findOneOrFail(QueueTicketEntity, { where: { id: rows[0].id } });
    });
  }

  /** Public hall display: the last numbers called and how many wait per category; nothing personal. */
  async board(centre: string): Promise<BoardView> {
    const day = toIsoDate(this.clock.now());
    const called = (await this.ds.query(
      `select number, window_no, called_at from queue_ticket where centre = $1 and day = $2 and called_at is not null order by called_at desc, number desc limit 10`,
      [centre, day],
    )) as { number: string; window_no: string; called_at: Date }[];
    const waiting = (await this.ds.query(
      `select t.category, c.letter, count(*)::int as count from queue_ticket t join queue_category c on c.centre = t.centre and c.category = t.category
        where t.centre = $1 and t.day = $2 and t.status = 'waiting' group by t.category, c.letter order by c.letter`,
      [centre, day],
    )) as { category: string; letter: string; count: number }[];
    return { centre, day, called: called.map((r) => ({ number: r.number, windowNo: r.window_no, calledAt: r.called_at.toISOString() })), waiting };
  }

  /** Applicants may not take walk-in tickets remotely: the number is for someone standing in the hall. */
  static refuseRemoteWalkIn(): never {
    throw new ForbiddenException({ message: '现场取号请在服务中心取号机或导办台办理 (walk-in tickets are issued at the centre)' });
  }
}
