import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StaffPrincipal } from '@onewindow/auth';
import { updateWithVersion } from '@onewindow/persistence';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ApplicationState } from './domain/application-state';
import { ApplicationEntity } from './entities/application.entity';

/** The longest list read at once (an applicant's, a centre's): a page along an index, never the table (ADR 0019). */
export const APPLICATION_PAGE = 200;

/** The queries of the `application` table. */
@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  find(id: string, m: EntityManager = this.ds.manager): Promise<ApplicationEntity | null> {
    return m.findOne(ApplicationEntity, { where: { id } });
  }

  /** With the row locked until the transaction ends (the consumer and the clock, which must not lose a race). */
  findForUpdate(m: EntityManager, id: string): Promise<ApplicationEntity | null> {
    return m.findOne(ApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byIds(ids: string[]): Promise<ApplicationEntity[]> {
    return this.ds.manager.createQueryBuilder(ApplicationEntity, 'a').where('a.id in (:...ids)', { ids }).getMany();
  }

  byIdempotencyKey(owner: string, key: string): Promise<ApplicationEntity | null> {
    return this.ds.manager.findOne(ApplicationEntity, { where: { applicantSubject: owner, idempotencyKey: key } });
  }

  /** The applications of one bundle submission, found by the applicant's key (stored as `<key>/<item code>`). */
  byBundleKey(owner: string, key: string): Promise<ApplicationEntity[]> {
    const prefix = `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    return this.ds.manager
      .createQueryBuilder(ApplicationEntity, 'a')
      .where('a.applicant_subject = :owner and a.idempotency_key like :prefix', { owner, prefix })
      .orderBy('a.number', 'ASC')
      .getMany();
  }

  /** An applicant's own applications, newest first. */
  ofApplicant(owner: string, state?: ApplicationState): Promise<ApplicationEntity[]> {
    return this.ds.manager.find(ApplicationEntity, {
      where: { applicantSubject: owner, ...(state ? { state } : {}) },
      order: { receivedAt: 'DESC' },
      take: APPLICATION_PAGE,
    });
  }

  /**
   * The newest page of each half of a centre's list, each read along its own partial index, merged
   * by ApplicationQueryService.atCentre: one `or` across the two read every online application of the
   * division (the whole table for the city centre).
   */
  centreHalves(p: StaffPrincipal, state?: ApplicationState): SelectQueryBuilder<ApplicationEntity>[] {
    const half = (where: string, params: Record<string, unknown>) => {
      const qb = this.ds.manager
        .createQueryBuilder(ApplicationEntity, 'a')
        .where(where, params)
        .orderBy('a.received_at', 'DESC')
        .take(APPLICATION_PAGE);
      if (state) qb.andWhere('a.state = :state', { state });
      return qb;
    };
    return [
      half(`a.channel = 'window' and a.receiving_org_unit = :org`, { org: p.orgUnit }),
      half(`a.channel = 'online' and a.receiving_division = :div`, { div: p.division }),
    ];
  }

  /**
   * The compare-and-set on `version` (F6) with the step's column changes; returns the new version (409
   * when another writer won). The update holds the row lock until commit.
   */
  updateVersioned(m: EntityManager, app: ApplicationEntity, changes: Partial<ApplicationEntity>): Promise<number> {
    return updateWithVersion(m, ApplicationEntity, app.id, app.version, changes as never);
  }

  /** Applications still RECEIVED whose intake period started on or before `from`, oldest first (the clock's pre-filter). */
  async receivedSince(from: string, limit: number): Promise<{ id: string; from: string }[]> {
    return this.ds.query(
      `select id, intake_clock_from::text as "from" from application where state = 'RECEIVED' and intake_clock_from <= $1 order by intake_clock_from limit ${limit}`,
      [from],
    );
  }

  /**
   * Open applications (in `states`) whose provisional years include one of `official`, after `after` in id
   * order, read along the partial index of open provisional applications.
   */
  async withProvisionalYears(
    states: readonly string[],
    official: number[],
    after: string,
    limit: number,
  ): Promise<{ id: string }[]> {
    return this.ds.query(
      `select id from application
          where cardinality(due_provisional_years) > 0 and state = any($1::text[]) and due_provisional_years && $2::int[] and id > $3
          order by id limit ${limit}`,
      [states, official, after],
    );
  }
}
