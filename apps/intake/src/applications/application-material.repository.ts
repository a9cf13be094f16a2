import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationFileEntity } from './entities/application-file.entity';
import { ApplicationMaterialEntity } from './entities/application-material.entity';

export interface PromisedMaterialDue {
  applicationId: string;
  materialCode: string;
  name: string;
  dueOn: string;
  /** Due soon (a reminder), else overdue. */
  remind: boolean;
}

/** The queries of an application's materials (`application_material`) and their files (`application_file`). */
@Injectable()
export class ApplicationMaterialRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  ofApplication(applicationId: string, m: EntityManager = this.ds.manager): Promise<ApplicationMaterialEntity[]> {
    return m.find(ApplicationMaterialEntity, { where: { applicationId }, order: { materialCode: 'ASC' } });
  }

  /** The materials of several applications, by application (every id present, possibly with none). */
  async ofApplications(ids: string[]): Promise<Map<string, ApplicationMaterialEntity[]>> {
    const out = new Map<string, ApplicationMaterialEntity[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const rows = await this.ds.manager
      .createQueryBuilder(ApplicationMaterialEntity, 'm')
      .where('m.application_id in (:...ids)', { ids })
      .orderBy('m.material_code')
      .getMany();
    for (const r of rows) out.get(r.applicationId)!.push(r);
    return out;
  }

  findOne(m: EntityManager, applicationId: string, materialCode: string): Promise<ApplicationMaterialEntity | null> {
    return m.findOne(ApplicationMaterialEntity, { where: { applicationId, materialCode } });
  }

  async update(
    m: EntityManager,
    applicationId: string,
    materialCode: string,
    changes: Partial<ApplicationMaterialEntity>,
  ): Promise<void> {
    await m.update(ApplicationMaterialEntity, { applicationId, materialCode }, changes);
  }

  async insert(m: EntityManager, row: ApplicationMaterialEntity): Promise<void> {
    await m.insert(ApplicationMaterialEntity, row);
  }

  async insertFile(m: EntityManager, file: ApplicationFileEntity): Promise<void> {
    await m.insert(ApplicationFileEntity, file);
  }

  /**
   * Promised (gap) materials of applications in `states` to chase today: due from today to `remindUntil`
   * and not reminded yet, or past due and not reported yet; by due date.
   */
  async promisedToChase(
    today: string,
    remindUntil: string,
    states: string[],
    limit: number,
  ): Promise<PromisedMaterialDue[]> {
    return this.ds.query(
      `select m.application_id as "applicationId", m.material_code as "materialCode", m.name, m.due_on::text as "dueOn",
              (m.due_on >= $1) as remind
         from application_material m join application a on a.id = m.application_id
        where m.status = 'promised' and a.state = any($3)
          and ((m.due_on < $1 and m.overdue_reported_at is null) or (m.due_on >= $1 and m.due_on <= $2 and m.reminded_at is null))
        order by m.due_on limit ${limit}`,
      [today, remindUntil, states],
    );
  }

  /** Marks a promised material reminded (or reported overdue) unless done already; false when it was. */
  async markChased(m: EntityManager, applicationId: string, materialCode: string, remind: boolean): Promise<boolean> {
    const column = remind ? 'reminded_at' : 'overdue_reported_at';
    const res = await m
      .createQueryBuilder()
      .update(ApplicationMaterialEntity)
      .set(remind ? { remindedAt: new Date() } : { overdueReportedAt: new Date() })
      .where(`application_id = :a and material_code = :c and status = 'promised' and ${column} is null`, {
        a: applicationId,
        c: materialCode,
      })
      .execute();
    return res.affected === 1;
  }
}
