import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canSeeDivision, ownerSubjectOf, Principal, Roles, type StaffPrincipal } from '@onewindow/auth';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { isClerkOf } from './application-access';
import type { ApplicationState } from './domain/application-state';
import { ApplicationRow } from './entities/application.entity';
import { ApplicationMaterialRow } from './entities/application-material.entity';

const PAGE = 200;

/** Reads of applications; the visibility rules themselves are in application-access.ts. */
@Injectable()
export class ApplicationQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  find(m: EntityManager, id: string): Promise<ApplicationRow | null> {
    return m.findOne(ApplicationRow, { where: { id } });
  }

  /** With the row locked until the transaction ends (the consumer and the clock, which must not lose a race). */
  findForUpdate(m: EntityManager, id: string): Promise<ApplicationRow | null> {
    return m.findOne(ApplicationRow, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  materials(m: EntityManager, applicationId: string): Promise<ApplicationMaterialRow[]> {
    return m.find(ApplicationMaterialRow, { where: { applicationId }, order: { materialCode: 'ASC' } });
  }

  byIdempotencyKey(owner: string, key: string): Promise<ApplicationRow | null> {
    return this.ds.manager.findOne(ApplicationRow, { where: { applicantSubject: owner, idempotencyKey: key } });
  }

  /** The applications of one bundle submission, found by the applicant's key (stored as `<key>/<item code>`). */
  byBundleKey(owner: string, key: string): Promise<ApplicationRow[]> {
    const prefix = `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    return this.ds.manager.createQueryBuilder(ApplicationRow, 'a')
      .where('a.applicant_subject = :owner and a.idempotency_key like :prefix', { owner, prefix })
      .orderBy('a.number', 'ASC').getMany();
  }

  /** An applicant's own applications, newest first. */
  async mine(p: Principal, state?: ApplicationState): Promise<ApplicationRow[]> {
    const owner = ownerSubjectOf(p);
    if (!owner) return [];
    return this.ds.manager.find(ApplicationRow, { where: { applicantSubject: owner, ...(state ? { state } : {}) }, order: { receivedAt: 'DESC' }, take: PAGE });
  }

  /** A window clerk's centre: applications received there, and online ones whose intake decision falls to it. */
  async atCentre(p: Principal, state?: ApplicationState): Promise<ApplicationRow[]> {
    if (p.type !== 'staff' || !p.roles.includes(Roles.windowClerk)) return [];
    const [window, online] = await Promise.all(this.centreHalves(p, state).map((qb) => qb.getMany()));
    const rows = [...window, ...online].sort((x, y) => y.receivedAt.getTime() - x.receivedAt.getTime()).slice(0, PAGE);
    return rows.filter((a) => isClerkOf(p, a) && canSeeDivision(p, a.receivingDivision));
  }

  /**
   * The newest page of each half of a centre's list, each read along its own partial index, merged
   * by atCentre: one `or` across the two read every online application of the division (the whole
   * table for the city centre).
   */
  centreHalves(p: StaffPrincipal, state?: ApplicationState): SelectQueryBuilder<ApplicationRow>[] {
    const half = (where: string, params: Record<string, unknown>) => {
      const qb = this.ds.manager.createQueryBuilder(ApplicationRow, 'a').where(where, params).orderBy('a.received_at', 'DESC').take(PAGE);
      if (state) qb.andWhere('a.state = :state', { state });
      return qb;
    };
    return [
      half(`a.channel = 'window' and a.receiving_org_unit = :org`, { org: p.orgUnit }),
      half(`a.channel = 'online' and a.receiving_division = :div`, { div: p.division }),
    ];
  }

  async materialsOf(ids: string[]): Promise<Map<string, ApplicationMaterialRow[]>> {
    const out = new Map<string, ApplicationMaterialRow[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const rows = await this.ds.manager.createQueryBuilder(ApplicationMaterialRow, 'm').where('m.application_id in (:...ids)', { ids }).orderBy('m.material_code').getMany();
    for (const r of rows) out.get(r.applicationId)!.push(r);
    return out;
  }
}
