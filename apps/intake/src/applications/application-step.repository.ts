import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationStepEntity } from './entities/application-step.entity';

/** The queries of the timeline (`application_step`): append-only, hash-chained per application. */
@Injectable()
export class ApplicationStepRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The head of an application's chain: its last step's seq and hash (none before the first step). */
  async head(m: EntityManager, applicationId: string): Promise<{ seq: number; hash: string } | undefined> {
    const [last] = await m.query(
      'select seq, hash from application_step where application_id = $1 order by seq desc limit 1',
      [applicationId],
    );
    return last ? { seq: Number(last.seq), hash: last.hash } : undefined;
  }

  async insert(m: EntityManager, step: ApplicationStepEntity): Promise<void> {
    await m.insert(ApplicationStepEntity, step as never);
  }

  timeline(applicationId: string, m: EntityManager = this.ds.manager): Promise<ApplicationStepEntity[]> {
    return m.find(ApplicationStepEntity, { where: { applicationId }, order: { seq: 'ASC' } });
  }
}
