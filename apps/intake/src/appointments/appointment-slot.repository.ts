import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentSlotEntity } from './entities/appointment-slot.entity';

/** The queries of the bookable slots (`appointment_slot`). */
@Injectable()
export class AppointmentSlotRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Inserts the planned slots of a centre and category, keeping any that exists (same start); returns the ids inserted. */
  async insertPlanned(s: {
    ids: string[];
    centre: string;
    category: string;
    startsAt: Date[];
    endsAt: Date[];
    capacity: number;
    createdBy: string;
    createdAt: Date;
  }): Promise<unknown[]> {
    return (await this.ds.query(
      `insert into appointment_slot (id, centre, category, starts_at, ends_at, capacity, booked, created_by, created_at)
       select unnest($1::uuid[]), $2, $3, unnest($4::timestamptz[]), unnest($5::timestamptz[]), $6, 0, $7, $8
       on conflict (centre, category, starts_at) do nothing
       returning id`,
      [s.ids, s.centre, s.category, s.startsAt, s.endsAt, s.capacity, s.createdBy, s.createdAt],
    )) as unknown[];
  }

  /** The slots of a centre (and category) starting in [from, to), by start. */
  between(centre: string, category: string | undefined, from: Date, to: Date): Promise<AppointmentSlotEntity[]> {
    const qb = this.ds.manager
      .createQueryBuilder(AppointmentSlotEntity, 's')
      .where('s.centre = :centre', { centre })
      .andWhere('s.starts_at >= :from', { from })
      .andWhere('s.starts_at < :to', { to })
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('s.category', 'ASC')
      .limit(2000);
    if (category) qb.andWhere('s.category = :category', { category });
    return qb.getMany();
  }

  /**
   * Takes a seat of a slot that has not started: one conditional UPDATE (booked < capacity), which
   * Postgres serialises on the slot's row. False when the slot is full, started or unknown.
   */
  async takeSeat(m: EntityManager, slotId: string, now: Date): Promise<boolean> {
    const taken = (await m.query(
      `update appointment_slot set booked = booked + 1 where id = $1 and booked < capacity and starts_at > $2 returning id`,
      [slotId, now],
    )) as [unknown[], number];
    return taken[1] === 1;
  }

  async giveBackSeat(m: EntityManager, slotId: string): Promise<void> {
    await m.query(`update appointment_slot set booked = booked - 1 where id = $1`, [slotId]);
  }

  find(id: string, m: EntityManager = this.ds.manager): Promise<AppointmentSlotEntity | null> {
    return m.findOne(AppointmentSlotEntity, { where: { id } });
  }

  get(m: EntityManager, id: string): Promise<AppointmentSlotEntity> {
    return m.findOneOrFail(AppointmentSlotEntity, { where: { id } });
  }

  lock(m: EntityManager, id: string): Promise<AppointmentSlotEntity> {
    return m.findOneOrFail(AppointmentSlotEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
