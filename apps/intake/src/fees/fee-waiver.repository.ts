import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FeeWaiverRequestEntity } from './entities/fee-waiver-request.entity';

/** The queries of the waiver requests (`fee_waiver_request`). */
@Injectable()
export class FeeWaiverRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  find(id: string): Promise<FeeWaiverRequestEntity | null> {
    return this.ds.manager.findOne(FeeWaiverRequestEntity, { where: { id } });
  }

  lock(m: EntityManager, id: string): Promise<FeeWaiverRequestEntity | null> {
    return m.findOne(FeeWaiverRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  pendingFor(m: EntityManager, noticeId: string): Promise<FeeWaiverRequestEntity | null> {
    return m.findOne(FeeWaiverRequestEntity, { where: { noticeId, status: 'pending' } });
  }

  async insert(m: EntityManager, req: FeeWaiverRequestEntity): Promise<void> {
    await m.insert(FeeWaiverRequestEntity, req);
  }

  async update(m: EntityManager, id: string, changes: Partial<FeeWaiverRequestEntity>): Promise<void> {
    await m.update(FeeWaiverRequestEntity, { id }, changes);
  }
}
