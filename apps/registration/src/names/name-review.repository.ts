import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NameReviewEntity } from './entities/name-review.entity';

/** Every query of the reviewers' queue, `name_review`. */
@Injectable()
export class NameReviewRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Opens a review of the registration's chosen name. */
  async open(
    m: EntityManager,
    r: {
      id: string;
      registrationId: string;
      authorityCode: string;
      division: string;
      enterpriseName: string;
      reasons: unknown[];
      similarNames: string[];
    },
  ): Promise<void> {
    await m.query(
      `insert into name_review (id, registration_id, authority_code, division, enterprise_name, reasons, similar_names, state) values ($1, $2, $3, $4, $5, $6, $7, 'OPEN')`,
      [
        r.id,
        r.registrationId,
        r.authorityCode,
        r.division,
        r.enterpriseName,
        JSON.stringify(r.reasons),
        JSON.stringify(r.similarNames),
      ],
    );
  }

  /** The registration's open review, if any, is cancelled with the reason. */
  async cancelOpen(m: EntityManager, registrationId: string, decisionReason: string): Promise<void> {
    await m.query(
      `update name_review set state = 'CANCELLED', decided_at = now(), decision_reason = $2, version = version + 1 where registration_id = $1 and state = 'OPEN'`,
      [registrationId, decisionReason],
    );
  }

  /** Oldest first, at most 500. */
  findByState(state: NameReviewEntity['state']): Promise<NameReviewEntity[]> {
    return this.ds.getRepository(NameReviewEntity).find({ where: { state }, order: { createdAt: 'ASC' }, take: 500 });
  }

  findForUpdate(m: EntityManager, id: string): Promise<NameReviewEntity | null> {
    return m.findOne(NameReviewEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(m: EntityManager, id: string, changes: QueryDeepPartialEntity<NameReviewEntity>): Promise<void> {
    await m.update(NameReviewEntity, { id }, changes);
  }
}
