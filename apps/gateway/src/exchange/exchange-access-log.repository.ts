import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ExchangeAccessLogEntity } from './entities/exchange-access-log.entity';

/** An exchange call as it is recorded before the data is fetched. */
export type ExchangeAccessStart = Pick<
  ExchangeAccessLogEntity,
  'clientId' | 'department' | 'method' | 'route' | 'path' | 'purpose' | 'status' | 'durationMs' | 'requestId'
>;

/** The queries of `exchange_access_log`. */
@Injectable()
export class ExchangeAccessLogRepository {
  constructor(@InjectRepository(ExchangeAccessLogEntity) private readonly log: Repository<ExchangeAccessLogEntity>) {}

  /** Writes the record of a call; its id completes it. */
  record(entry: ExchangeAccessStart): Promise<ExchangeAccessLogEntity> {
    return this.log.save(this.log.create(entry));
  }

  async complete(id: string, status: number, durationMs: number): Promise<void> {
    await this.log.update({ id }, { status, durationMs });
  }
}
