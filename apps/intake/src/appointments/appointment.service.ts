import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { isOwner, ownerSubjectOf, type Principal, type StaffPrincipal } from '@onewindow/auth';
import { addDays, toIsoDate } from '@onewindow/calendar';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { newId } from '@onewindow/contracts';
import { DataSource } from 'typeorm';
import { AppointmentClockService } from './appointment-clock.service';
import { AppointmentRepository } from './appointment.repository';
import { AppointmentSlotRepository } from './appointment-slot.repository';
import type { AppointmentEntity } from './entities/appointment.entity';
import type { AppointmentSlotEntity } from './entities/appointment-slot.entity';
import { planSlots, shanghaiInstant, SlotPlanError, SlotRange } from './slot-plan';

export const APPOINTMENT = '预约';
export const SLOT = '预约时段';

export interface AppointmentWithSlot {
  appointment: AppointmentEntity;
  slot: AppointmentSlotEntity;
}

/** Bookable slots per centre and item category, 24×7 booking with capacity, cancellation (A11). */
@Injectable()
export class AppointmentService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: AppointmentClockService,
    private readonly appointments: AppointmentRepository,
    private readonly slots: AppointmentSlotRepository,
  ) {}

  /** A clerk opens slots at their own centre; an existing slot (same category and start) is kept as is. */
  async openSlots(
    clerk: StaffPrincipal,
    category: string,
    range: SlotRange,
    capacity: number,
  ): Promise<{ created: number; skipped: number }> {
    let planned: { startsAt: Date; endsAt: Date }[];
    try {
      planned = planSlots(range);
    } catch (e) {
      if (e instanceof SlotPlanError) throw new UnprocessableEntityException({ message: e.message });
      throw e;
    }
    if (range.fromDate < toIsoDate(this.clock.now()))
      throw new UnprocessableEntityException({ message: '不能开放过去日期的时段 (fromDate is in the past)' });
    if (planned.length === 0) return { created: 0, skipped: 0 };
    const inserted = await this.slots.insertPlanned({
      ids: planned.map(() => newId()),
      centre: clerk.orgUnit,
      category,
      startsAt: planned.map((s) => s.startsAt),
      endsAt: planned.map((s) => s.endsAt),
      capacity,
      createdBy: clerk.sub,
      createdAt: this.clock.now(),
    });
    return { created: inserted.length, skipped: planned.length - inserted.length };
  }

  /** Public: the slots of a centre and category between two dates, with what is left of each. */
  async listSlots(
    centre: string,
    category: string | undefined,
    fromDate: string,
    toDate: string,
  ): Promise<AppointmentSlotEntity[]> {
    return this.slots.between(centre, category, shanghaiInstant(fromDate, 0), shanghaiInstant(addDays(toDate, 1), 0));
  }

  /**
   * Books a slot. Capacity holds under any concurrency: the seat is taken by one conditional UPDATE
   * (booked < capacity), which Postgres serialises on the slot's row; the check constraint
   * booked <= capacity backs it. The unique index (slot, applicant) refuses a second booking, and
   * its failure rolls the seat back with the transaction.
   */
  async book(p: Principal, slotId: string): Promise<AppointmentWithSlot> {
    const owner = ownerSubjectOf(p)!;
    return this.ds.transaction(async (m) => {
      const now = this.clock.now();
      if (!(await this.slots.takeSeat(m, slotId, now))) {
        const slot = await this.slots.find(slotId, m);
        if (!slot) throw new NotVisibleError(SLOT, slotId);
        if (slot.startsAt <= now)
          throw new ConflictException({
            message: '该时段已开始，不能预约 (slot already started)',
            details: { startsAt: slot.startsAt.toISOString() },
          });
        throw new ConflictException({
          message: '该时段已约满 (slot fully booked)',
          details: { capacity: slot.capacity },
        });
      }
      const mine = await this.appointments.booked(m, slotId, owner);
      if (mine)
        throw new ConflictException({
          message: '您已预约该时段 (already booked this slot)',
          details: { appointmentId: mine.id },
        });
      const appointment: AppointmentEntity = {
        id: newId(),
        slotId,
        ownerSubject: owner,
        status: 'booked',
        bookedAt: now,
        cancelledAt: null,
        checkedInAt: null,
      };
      await this.appointments.insert(m, appointment);
      const slot = await this.slots.get(m, slotId);
      return { appointment, slot };
    });
  }

  /** The caller's own appointments, newest slot first. */
  async mine(p: Principal): Promise<AppointmentWithSlot[]> {
    const owner = ownerSubjectOf(p);
    if (!owner) return [];
    const rows = await this.appointments.ofOwner(owner);
    return rows.map((a) => ({ appointment: a, slot: a.slot }));
  }

  /** The owner, or a clerk of the slot's centre; anyone else 404 (S1). */
  async findVisible(p: Principal, id: string): Promise<AppointmentWithSlot> {
    const appointment = await this.appointments.find(id);
    const slot = appointment && (await this.slots.find(appointment.slotId));
    if (!appointment || !slot) throw new NotVisibleError(APPOINTMENT, id);
    const visible = isOwner(p, appointment.ownerSubject) || (p.type === 'staff' && p.orgUnit === slot.centre);
    if (!visible) throw new NotVisibleError(APPOINTMENT, id);
    return { appointment, slot };
  }

  /** Cancellation by the applicant, before the slot starts; the seat is given back. */
  async cancel(p: Principal, id: string): Promise<AppointmentWithSlot> {
    return this.ds.transaction(async (m) => {
      const appointment = await this.appointments.lock(m, id);
      if (!appointment || !isOwner(p, appointment.ownerSubject)) throw new NotVisibleError(APPOINTMENT, id);
      if (appointment.status !== 'booked') throw new InvalidTransitionError(APPOINTMENT, appointment.status, 'cancel');
      const slot = await this.slots.lock(m, appointment.slotId);
      const now = this.clock.now();
      if (slot.startsAt <= now)
        throw new ConflictException({
          message: '时段已开始，不能取消 (slot already started)',
          details: { startsAt: slot.startsAt.toISOString() },
        });
      await this.appointments.update(m, id, { status: 'cancelled', cancelledAt: now });
      await this.slots.giveBackSeat(m, slot.id);
      return {
        appointment: { ...appointment, status: 'cancelled', cancelledAt: now },
        slot: { ...slot, booked: slot.booked - 1 },
      };
    });
  }
}
