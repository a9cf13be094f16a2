import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentEntity } from './entities/appointment.entity';
import { AppointmentSlotEntity } from './entities/appointment-slot.entity';

/** The queries of the bookings (`appointment`). */
@Injectable()
export class AppointmentRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  find(id: string): Promise<AppointmentEntity | null> {
    return this.ds.manager.findOne(AppointmentEntity, { where: { id } });
  }

  lock(m: EntityManager, id: string): Promise<AppointmentEntity | null> {
    return m.findOne(AppointmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The owner's live booking of a slot, if any. */
  booked(m: EntityManager, slotId: string, ownerSubject: string): Promise<AppointmentEntity | null> {
    return m.findOne(AppointmentEntity, { where: { slotId, ownerSubject, status: 'booked' } });
  }

  async insert(m: EntityManager, appointment: AppointmentEntity): Promise<void> {
    await m.insert(AppointmentEntity, appointment);
  }

  async update(m: EntityManager, id: string, changes: Partial<AppointmentEntity>): Promise<void> {
    await m.update(AppointmentEntity, { id }, changes);
  }

  /** An owner's appointments with their slots, newest slot first (a page of 200). */
  async ofOwner(ownerSubject: string): Promise<(AppointmentEntity & { slot: AppointmentSlotEntity })[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(AppointmentEntity, 'a')
      .innerJoinAndMapOne('a.slot', AppointmentSlotEntity, 's', 's.id = a.slot_id')
      .where('a.owner_subject = :owner', { owner: ownerSubject })
      .orderBy('s.starts_at', 'DESC')
      .limit(200)
      .getMany();
    return rows as (AppointmentEntity & { slot: AppointmentSlotEntity })[];
  }
}
