import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { isOwner, type Principal, type StaffPrincipal } from '@onewindow/auth';
import { toIsoDate } from '@onewindow/calendar';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { newId } from '@onewindow/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentClockService } from './appointment-clock.service';
import { AppointmentRepository } from './appointment.repository';
import { APPOINTMENT } from './appointment.service';
import { AppointmentSlotRepository } from './appointment-slot.repository';
import type { BoardViewDto } from './dto/appointment.dto';
import type { QueueTicketEntity } from './entities/queue-ticket.entity';
import { QueueTicketRepository } from './queue-ticket.repository';
import { categoryLetter, ticketNumber } from './ticket-number';

/** How early before the slot an applicant may check in, and until when (the slot's end). */
export const CHECK_IN_EARLY_MINUTES = 60;

/** Queue tickets (叫号) on arrival and calling the next one to a window (A11). */
@Injectable()
export class QueueService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: AppointmentClockService,
    private readonly appointments: AppointmentRepository,
    private readonly slots: AppointmentSlotRepository,
    private readonly tickets: QueueTicketRepository,
  ) {}

  /**
   * Check-in with an appointment: by its applicant, or by a clerk of its centre (the guide desk).
   * Checking in twice returns the same ticket.
   */
  async ticketForAppointment(
    p: Principal,
    appointmentId: string,
  ): Promise<{ ticket: QueueTicketEntity; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const appointment = await this.appointments.lock(m, appointmentId);
      const slot = appointment && (await this.slots.find(appointment.slotId, m));
      const visible =
        appointment &&
        slot &&
        (isOwner(p, appointment.ownerSubject) || (p.type === 'staff' && p.orgUnit === slot.centre));
      if (!appointment || !slot || !visible) throw new NotVisibleError(APPOINTMENT, appointmentId);
      if (appointment.status === 'checked-in') {
        return { ticket: await this.tickets.ofAppointment(m, appointmentId), created: false };
      }
      if (appointment.status !== 'booked')
        throw new InvalidTransitionError(APPOINTMENT, appointment.status, 'check-in');
      const now = this.clock.now();
      const opens = new Date(slot.startsAt.getTime() - CHECK_IN_EARLY_MINUTES * 60_000);
      if (now < opens || now >= slot.endsAt) {
        throw new ConflictException({
          message: '不在签到时间内：请于预约时段开始前一小时至时段结束前到达 (outside the check-in window)',
          details: { opensAt: opens.toISOString(), closesAt: slot.endsAt.toISOString() },
        });
      }
      await this.appointments.update(m, appointmentId, { status: 'checked-in', checkedInAt: now });
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
      this.issue(m, {
        centre: clerk.orgUnit,
        category,
        kind: 'walk-in',
        appointmentId: null,
        slotStartsAt: null,
        slotEndsAt: null,
        ownerSubject: null,
        issuedBy: `staff:${clerk.sub}`,
        now: this.clock.now(),
      }),
    );
  }

  private async issue(
    m: EntityManager,
    t: Pick<
      QueueTicketEntity,
      'centre' | 'category' | 'kind' | 'appointmentId' | 'slotStartsAt' | 'slotEndsAt' | 'ownerSubject' | 'issuedBy'
    > & { now: Date },
  ): Promise<QueueTicketEntity> {
    const day = toIsoDate(t.now);
    const letter = await this.letterOf(m, t.centre, t.category);
    const last = await this.tickets.nextSeq(m, t.centre, day, t.category);
    const ticket: QueueTicketEntity = {
      id: newId(),
      centre: t.centre,
      day,
      category: t.category,
      seq: last,
      number: ticketNumber(letter, last),
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
    await this.tickets.insert(m, ticket);
    return ticket;
  }

  /** The category's letter at the centre, assigned on first use (A, B, ... in order of first ticket). */
  private async letterOf(m: EntityManager, centre: string, category: string): Promise<string> {
    const found = await this.tickets.letterOf(m, centre, category);
    if (found) return found;
    // First ticket of a new category at this centre: serialise letter assignment per centre.
    await this.tickets.lockCategories(m, centre);
    const again = await this.tickets.letterOf(m, centre, category);
    if (again) return again;
    const letter = categoryLetter(await this.tickets.countCategories(m, centre));
    await this.tickets.insertCategory(m, centre, category, letter);
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
      await this.tickets.serveCalled(m, clerk.orgUnit, day, windowNo);
      const next = await this.tickets.nextWaiting(m, clerk.orgUnit, day, now, categories);
      if (!next) return null;
      await this.tickets.update(m, next, { status: 'called', calledAt: now, calledBy: clerk.sub, windowNo });
      return this.tickets.get(m, next);
    });
  }

  /** Public hall display: the last numbers called and how many wait per category; nothing personal. */
  async board(centre: string): Promise<BoardViewDto> {
    const day = toIsoDate(this.clock.now());
    const called = await this.tickets.lastCalled(centre, day);
    const waiting = await this.tickets.waiting(centre, day);
    return {
      centre,
      day,
      called: called.map((r) => ({ number: r.number, windowNo: r.window_no, calledAt: r.called_at.toISOString() })),
      waiting,
    };
  }

  /** Applicants may not take walk-in tickets remotely: the number is for someone standing in the hall. */
  static refuseRemoteWalkIn(): never {
    throw new ForbiddenException({
      message: '现场取号请在服务中心取号机或导办台办理 (walk-in tickets are issued at the centre)',
    });
  }
}
