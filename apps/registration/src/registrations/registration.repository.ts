import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, type DeepPartial } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RegistrationEntity } from './entities/registration.entity';

/** One day's submissions of one division, by outcome (the one-day report's rows). */
export interface OneDayCounts {
  division: string;
  day: string;
  completed: number;
  within: number;
  open: number;
}

/** Every query of the `registration` table. */
@Injectable()
export class RegistrationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Serialises one founder's submissions until the caller's transaction ends. */
  async lockOwner(m: EntityManager, owner: string): Promise<void> {
    await m.query('select pg_advisory_xact_lock(hashtext($1))', [`registration-owner:${owner}`]);
  }

  findByIdempotencyKey(m: EntityManager, owner: string, idempotencyKey: string): Promise<RegistrationEntity | null> {
    return m.getRepository(RegistrationEntity).findOne({ where: { ownerSubject: owner, idempotencyKey } });
  }

  /** The founder's registration with this form that is still alive (not withdrawn, name not rejected). */
  findLiveWithForm(m: EntityManager, owner: string, formHash: string): Promise<RegistrationEntity | null> {
    return m
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .where('r.owner_subject = :owner and r.form_hash = :formHash', { owner, formHash })
      .andWhere(`r.state not in ('WITHDRAWN','NAME_REJECTED')`)
      .getOne();
  }

  async insert(m: EntityManager, values: DeepPartial<RegistrationEntity>): Promise<RegistrationEntity> {
    const reg = m.create(RegistrationEntity, values);
    await m.insert(RegistrationEntity, reg);
    return reg;
  }

  findForUpdate(m: EntityManager, id: string): Promise<RegistrationEntity | null> {
    return m.findOne(RegistrationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locked; the registration must exist (a step or a review points at it). */
  getForUpdate(m: EntityManager, id: string): Promise<RegistrationEntity> {
    return m.findOneOrFail(RegistrationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** In the caller's transaction, not locked; the registration must exist. */
  get(m: EntityManager, id: string): Promise<RegistrationEntity> {
    return m.findOneOrFail(RegistrationEntity, { where: { id } });
  }

  async update(m: EntityManager, id: string, changes: QueryDeepPartialEntity<RegistrationEntity>): Promise<void> {
    await m.update(RegistrationEntity, { id }, changes);
  }

  findById(id: string): Promise<RegistrationEntity | null> {
    return this.ds.manager.findOne(RegistrationEntity, { where: { id } });
  }

  findByIds(ids: string[]): Promise<RegistrationEntity[]> {
    return this.ds.getRepository(RegistrationEntity).find({ where: { id: In(ids) } });
  }

  findByUscc(uscc: string): Promise<RegistrationEntity | null> {
    return this.ds.getRepository(RegistrationEntity).findOne({ where: { uscc } });
  }

  /** The founder's registrations, newest first. */
  findByOwner(ownerSubject: string): Promise<RegistrationEntity[]> {
    return this.ds.manager.find(RegistrationEntity, {
      where: { ownerSubject },
      order: { submittedAt: 'DESC' },
      take: 100,
    });
  }

  /** Submissions in [from, to] (Shanghai dates) per division and day: completed, within one working day, still open. */
  oneDayCounts(from: string, to: string): Promise<OneDayCounts[]> {
    return this.ds.query(
      `select division, to_char((submitted_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
              count(*) filter (where state = 'COMPLETED')::int as completed,
              count(*) filter (where state = 'COMPLETED' and within_one_working_day)::int as within,
              count(*) filter (where state not in ('COMPLETED','WITHDRAWN','NAME_REJECTED'))::int as open
         from registration
        where (submitted_at at time zone 'Asia/Shanghai')::date between $1::date and $2::date
        group by 1, 2`,
      [from, to],
    );
  }
}
