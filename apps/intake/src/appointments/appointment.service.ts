import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { isOwner, ownerSubjectOf, type Principal, type StaffPrincipal } from '@onewindow/auth';
import { addDays, toIsoDate } from '@onewindow/calendar';
import { InvalidTransitionError, NotVisibleError } from '@onewindow/http';
import { newId } from '@onewindow/contracts';
import { DataSource } from 'typeorm';
import { AppointmentClock } from './appointment-clock';
import { AppointmentEntity } from './entities/appointment.entity';
import { AppointmentSlotEntity } from './entities/appointment-slot.entity';
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
  constructor(private readonly ds: DataSource, private readonly clock: AppointmentClock) {}

  /** A clerk opens slots at their own centre; an existing slot (same category and start) is kept as is. */
  async openSlots(clerk: StaffPrincipal, category: string, range: SlotRange, capacity: number): Promise<{ created: number; skipped: number }> {
    let planned: { startsAt: Date; endsAt: Date }[];
    try {
      planned = planSlots(range);
    } catch (e) {
      if (e instanceof SlotPlanError) throw new UnprocessableEntityException({ message: e.message });
      throw e;
    }
    if (range.fromDate < toIsoDate(this.clock.now())) throw new UnprocessableEntityException({ message: '不能开放过去日期的时段 (fromDate is in the past)' });
    if (planned.length === 0) return { created: 0, skipped: 0 };
    const inserted = (await this.ds.query(
      `insert into appointment_slot (id, centre, category, starts_at, ends_at, capacity, booked, created_by, created_at)
       select unnest($1::uuid[]), $2, $3, unnest($4::timestamptz[]), unnest($5::timestamptz[]), $6, 0, $7, $8
       on conflict (centre, category, starts_at) do nothing
       returning id`,
      [planned.map(() => newId()), clerk.orgUnit, category, planned.map((s) => s.startsAt), planned.map((s) => s.endsAt), capacity, clerk.sub, this.clock.now()],
    )) as unknown[];
    return { created: inserted.length, skipped: planned.length - inserted.length };
  }

  /** Public: the slots of a centre and category between two dates, with what is left of each. */
  async listSlots(centre: string, category: string | undefined, fromDate: string, toDate: string): Promise<AppointmentSlotEntity[]> {
    const qb = this.ds.manager
      .createQueryBuilder(AppointmentSlotEntity, 's')
      .where('s.centre = :centre', { centre })
      .andWhere('s.starts_at >= :from', { from: shanghaiInstant(fromDate, 0) })
      .andWhere('s.starts_at < :to', { to: shanghaiInstant(addDays(toDate, 1), 0) })
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('s.category', 'ASC')
      .limit(2000);
    if (category) qb.andWhere('s.category = :category', { category });
    return qb.getMany();
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
      const taken = (await m.query(
        `update appointment_slot set booked = booked + 1 where id = $1 and booked < capacity and starts_at > $2 returning id`,
        [slotId, now],
      )) as [unknown[], number];
      if (taken[1] !== 1) {
        const slot = await m.findOne(AppointmentSlotEntity, { where: { id: slotId } });
        if (!slot) throw new NotVisibleError(SLOT, slotId);
        if (slot.startsAt <= now) throw new ConflictException({ message: '该时段已开始，不能预约 (slot already started)', details: { startsAt: slot.startsAt.toISOString() } });
        throw new ConflictException({ message: '该时段已约满 (slot fully booked)', details: { capacity: slot.capacity } });
      }
      const mine = await m.findOne(AppointmentEntity, { where: { slotId, ownerSubject: owner, status: 'booked' } });
      if (mine) throw new ConflictException({ message: '您已预约该时段 (already booked this slot)', details: { appointmentId: mine.id } });
      const appointment: AppointmentEntity = { id: newId(), slotId, ownerSubject: owner, status: 'booked', bookedAt: now, cancelledAt: null, checkedInAt: null };
      await m.insert(AppointmentEntity, appointment);
      const slot = await m.findOneOrFail(AppointmentSlotEntity, { where: { id: slotId } });
      return { appointment, slot };
    });
  }

  /** The caller's own appointments, newest slot first. */
  async mine(p: Principal): Promise<AppointmentWithSlot[]> {
    const owner = ownerSubjectOf(p);
    if (!owner) return [];
    const rows = await this.ds.manager
      .createQueryBuilder(AppointmentEntity, 'a')
      .innerJoinAndMapOne('a.slot', AppointmentSlotEntity, 's', 's.id = a.slot_id')
      .where('a.owner_subject = :owner', { owner })
      .orderBy('s.starts_at', 'DESC')
      .limit(200)
      .getMany();
    return rows.map((a) => ({ appointment: a, slot: (a as AppointmentEntity & { slot: AppointmentSlotEntity }).slot }));
  }

  /** The owner, or a clerk of the slot's centre; anyone else 404 (S1). */
  async findVisible(p: Principal, id: string): Promise<AppointmentWithSlot> {
    const appointment = await this.ds.manager.findOne(AppointmentEntity, { where: { id } });
    const slot = appointment && (await this.ds.manager.findOne(AppointmentSlotEntity, { where: { id: appointment.slotId } }));
    if (!appointment || !slot) throw new NotVisibleError(APPOINTMENT, id);
    const visible = isOwner(p, appointment.ownerSubject) || (p.type === 'staff' && p.orgUnit === slot.centre);
    if (!visible) throw new NotVisibleError(APPOINTMENT, id);
    return { appointment, slot };
  }

  /** Cancellation by the applicant, before the slot starts; the seat is given back. */
  async cancel(p: Principal, id: string): Promise<AppointmentWithSlot> {
    return this.ds.transaction(async (m) => {
      const appointment = await m.findOne(AppointmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!appointment || !isOwner(p, appointment.ownerSubject)) throw new NotVisibleError(APPOINTMENT, id);
      if (appointment.status !== 'booked') throw new InvalidTransitionError(APPOINTMENT, appointment.status, 'cancel');
      const slot = await m.findOneOrFail(AppointmentSlotEntity, { where: { id: appointment.slotId }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (slot.startsAt <= now) throw new ConflictException({ message: '时段已开始，不能取消 (slot already started)', details: { startsAt: slot.startsAt.toISOString() } });
      await m.update(AppointmentEntity, { id }, { status: 'cancelled', cancelledAt: now });
      await m.query(`update appointment_slot set booked = booked - 1 where id = $1`, [slot.id]);
      return { appointment: { ...appointment, status: 'cancelled', cancelledAt: now }, slot: { ...slot, booked: slot.booked - 1 } };
    });
  }
}
