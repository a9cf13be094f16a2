import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FeeNoticeEntity } from './entities/fee-notice.entity';

/** The queries of the fee notices (`fee_notice`) and their number sequence. */
@Injectable()
export class FeeNoticeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async nextSeq(m: EntityManager): Promise<number> {
    const [{ seq }] = (await m.query(`select nextval('fee_notice_seq')::int as seq`)) as { seq: number }[];
    return seq!;
  }

  async insert(m: EntityManager, notice: FeeNoticeEntity): Promise<void> {
    await m.insert(FeeNoticeEntity, notice as never);
  }

  find(id: string, m: EntityManager = this.ds.manager): Promise<FeeNoticeEntity | null> {
    return m.findOne(FeeNoticeEntity, { where: { id } });
  }

  forApplicationAndItem(m: EntityManager, applicationId: string, itemCode: string): Promise<FeeNoticeEntity | null> {
    return m.findOne(FeeNoticeEntity, { where: { applicationId, itemCode } });
  }

  /** The notice with its row locked until the transaction ends: payments and waivers of one notice are decided one after the other. */
  lock(m: EntityManager, where: { id: string } | { number: string }): Promise<FeeNoticeEntity | null> {
    return m.findOne(FeeNoticeEntity, { where, lock: { mode: 'pessimistic_write' } });
  }

  lockExisting(m: EntityManager, id: string): Promise<FeeNoticeEntity> {
    return m.findOneOrFail(FeeNoticeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(m: EntityManager, id: string, changes: Partial<FeeNoticeEntity>): Promise<void> {
    await m.update(FeeNoticeEntity, { id }, changes);
  }

  /** The notices of an application, oldest first; with `owner`, only that applicant's. */
  ofApplication(applicationId: string, owner?: string): Promise<FeeNoticeEntity[]> {
    const qb = this.ds.manager
      .createQueryBuilder(FeeNoticeEntity, 'n')
      .where('n.application_id = :applicationId', { applicationId })
      .orderBy('n.issued_at', 'ASC');
    if (owner !== undefined) qb.andWhere('n.applicant_subject = :owner', { owner });
    return qb.getMany();
  }

  /** The same, inside the caller's transaction. */
  allOfApplication(m: EntityManager, applicationId: string): Promise<FeeNoticeEntity[]> {
    return m.find(FeeNoticeEntity, { where: { applicationId }, order: { issuedAt: 'ASC' } });
  }
}
