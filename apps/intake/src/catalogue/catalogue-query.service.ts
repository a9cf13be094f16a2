import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { ItemNotFoundError, ItemVersionNotFoundError } from './catalogue-errors';
import { toItemVersion } from './catalogue-mapping';
import type { ItemDefinition, ItemVersion } from './catalogue.types';
import type { ItemSearchQueryDto } from './dto/catalogue-query.dto';
import type { BundleSummaryDto, CatalogueReportDto, DepartmentDto, ItemPageDto, ItemSummaryDto, VersionSummaryDto } from './dto/catalogue-responses.dto';
import { CatalogueBundleRow } from './entities/catalogue-bundle.entity';
import { CatalogueDepartmentRow } from './entities/catalogue-department.entity';
import { CatalogueItemVersionRow } from './entities/catalogue-item-version.entity';
import { CatalogueItemRow } from './entities/catalogue-item.entity';
import { COMPRESSION_TARGET, departmentReport, VISIT_TARGET } from './rules/department-report';

/** LIKE treats % _ and \ specially; a user's query is matched literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The public side of the catalogue (C3, C4 report): search and reading, no writes. */
@Injectable()
export class CatalogueQueryService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Published versions only (drafts and withdrawn items are not offered to applicants). `q` is
   * matched as a substring of the name and themes (ILIKE, served by the trigram index) or as a
   * prefix of the code.
   */
  async search(f: ItemSearchQueryDto): Promise<ItemPageDto> {
    const page = f.page ?? 1;
    const pageSize = f.pageSize ?? 20;
    const qb = this.ds.getRepository(CatalogueItemVersionRow).createQueryBuilder('v').where(`v.status = 'published'`);
    const q = f.q?.trim();
    if (q) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('v.searchText ILIKE :pattern', { pattern: `%${escapeLike(q)}%` }).orWhere('v.itemCode LIKE :prefix', { prefix: `${escapeLike(q.toUpperCase())}%` });
        }),
      );
    }
    if (f.department) qb.andWhere('v.department = :department', { department: f.department });
    if (f.level) qb.andWhere('v.level = :level', { level: f.level });
    if (f.kind) qb.andWhere('v.kind = :kind', { kind: f.kind });
    if (f.theme) qb.andWhere('v.themes @> ARRAY[:theme]::text[]', { theme: f.theme });
    if (f.online !== undefined) qb.andWhere('v.online = :online', { online: f.online });
    const [rows, total] = await qb.orderBy('v.itemCode', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: rows.map(summaryOf), total, page, pageSize };
  }

  /**
   * The item as the public reads it: its current published version, or, for a withdrawn item, the
   * version it was withdrawn at (status 'withdrawn', with the reason) so the hall can say so.
   */
  async item(code: string): Promise<ItemVersion & { withdrawnReason: string | null }> {
    const item = await this.ds.getRepository(CatalogueItemRow).findOneBy({ code });
    if (!item || item.currentVersion === null) throw new ItemNotFoundError(code);
    const row = await this.ds.getRepository(CatalogueItemVersionRow).findOneByOrFail({ itemCode: code, version: item.currentVersion });
    return { ...toItemVersion(row), withdrawnReason: item.withdrawnReason };
  }

  /** One version; drafts only for catalogue admins. */
  async version(code: string, version: number, includeDrafts: boolean): Promise<ItemVersion> {
    const row = await this.ds.getRepository(CatalogueItemVersionRow).findOneBy({ itemCode: code, version });
    if (!row || (row.status === 'draft' && !includeDrafts)) throw new ItemVersionNotFoundError(code, version);
    return toItemVersion(row);
  }

  async versions(code: string, includeDrafts: boolean): Promise<VersionSummaryDto[]> {
    const rows = await this.ds.getRepository(CatalogueItemVersionRow).find({
      where: { itemCode: code },
      select: { itemCode: true, version: true, status: true, publishedAt: true, supersededAt: true },
      order: { version: 'ASC' },
    });
    const visible = rows.filter((r) => includeDrafts || r.status !== 'draft');
    if (visible.length === 0) throw new ItemNotFoundError(code);
    return visible.map((r) => ({ version: r.version, status: r.status, publishedAt: r.publishedAt?.toISOString() ?? null, supersededAt: r.supersededAt?.toISOString() ?? null }));
  }

  async bundles(): Promise<BundleSummaryDto[]> {
    const rows = await this.ds.getRepository(CatalogueBundleRow).find({ order: { code: 'ASC' } });
    return rows.map((b) => ({ code: b.code, name: b.name, description: b.description, itemCodes: b.itemCodes, themes: b.themes }));
  }

  async departments(): Promise<DepartmentDto[]> {
    const rows: { code: string; name: string; name_en: string | null; items: number }[] = await this.ds.query(
      `select d.code, d.name, d.name_en, count(v.item_code)::int as items
         from catalogue_department d
         left join catalogue_item_version v on v.department = d.code and v.status = 'published'
        group by d.code, d.name, d.name_en
        order by d.code`,
    );
    return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, items: r.items }));
  }

  /** C4: per department, how far promised limits are below legal ones and the share of ≤ 1 visit. */
  async report(): Promise<CatalogueReportDto> {
    const rows: { department: string; definition: ItemDefinition }[] = await this.ds.query(`select department, definition from catalogue_item_version where status = 'published'`);
    const names = new Map((await this.ds.getRepository(CatalogueDepartmentRow).find()).map((d) => [d.code, d.name]));
    const { departments, overall } = departmentReport(
      rows.map((r) => ({ department: r.department, legalLimitDays: r.definition.legalLimitDays, promisedLimitDays: r.definition.promisedLimitDays, visits: r.definition.visits })),
    );
    return {
      generatedAt: new Date().toISOString(),
      targets: { compression: COMPRESSION_TARGET, atMostOneVisit: VISIT_TARGET },
      departments: departments.map((d) => ({ ...d, departmentName: names.get(d.department) ?? null })),
      overall,
    };
  }
}

function summaryOf(v: CatalogueItemVersionRow): ItemSummaryDto {
  const d = v.definition;
  return {
    code: v.itemCode,
    name: d.name,
    kind: d.kind,
    level: d.level,
    department: d.department,
    version: v.version,
    mode: d.mode,
    legalLimitDays: d.legalLimitDays,
    promisedLimitDays: d.promisedLimitDays,
    online: d.online,
    visits: d.visits,
    idCardOnly: d.idCardOnly,
    autoAccept: d.autoAccept === true,
    themes: d.themes,
    publishedAt: v.publishedAt!.toISOString(),
  };
}
