import { Injectable } from '@nestjs/common';
import { pageOf } from '@onewindow/http';
import { CatalogueBundleRepository } from './catalogue-bundle.repository';
import { CatalogueDepartmentRepository } from './catalogue-department.repository';
import { ItemNotFoundError, ItemVersionNotFoundError } from './catalogue-errors';
import { CatalogueItemRepository } from './catalogue-item.repository';
import { toItemVersion } from './catalogue-mapping';
import type { ItemVersion } from './catalogue.types';
import type { ItemSearchQueryDto } from './dto/catalogue-query.dto';
import type {
  BundleSummaryViewDto,
  CatalogueReportViewDto,
  DepartmentViewDto,
  ItemPageViewDto,
  ItemSummaryViewDto,
  VersionSummaryViewDto,
} from './dto/catalogue-view.dto';
import type { CatalogueItemVersionEntity } from './entities/catalogue-item-version.entity';
import { COMPRESSION_TARGET, departmentReport, VISIT_TARGET } from './rules/department-report';

/** The public side of the catalogue (C3, C4 report): search and reading, no writes. */
@Injectable()
export class CatalogueQueryService {
  constructor(
    private readonly items: CatalogueItemRepository,
    private readonly bundleRows: CatalogueBundleRepository,
    private readonly departmentRows: CatalogueDepartmentRepository,
  ) {}

  /**
   * Published versions only (drafts and withdrawn items are not offered to applicants). `q` is
   * matched as a substring of the name and themes (ILIKE, served by the trigram index) or as a
   * prefix of the code.
   */
  async search(f: ItemSearchQueryDto): Promise<ItemPageViewDto> {
    const { page, pageSize, skip } = pageOf(f);
    const [rows, total] = await this.items.search(f, skip, pageSize);
    return { items: rows.map(summaryOf), total, page, pageSize };
  }

  /**
   * The item as the public reads it: its current published version, or, for a withdrawn item, the
   * version it was withdrawn at (status 'withdrawn', with the reason) so the hall can say so.
   */
  async item(code: string): Promise<ItemVersion & { withdrawnReason: string | null }> {
    const item = await this.items.findItem(code);
    if (!item || item.currentVersion === null) throw new ItemNotFoundError(code);
    const row = await this.items.getVersion(code, item.currentVersion);
    return { ...toItemVersion(row), withdrawnReason: item.withdrawnReason };
  }

  /** One version; drafts only for catalogue admins. */
  async version(code: string, version: number, includeDrafts: boolean): Promise<ItemVersion> {
    const row = await this.items.findVersion(code, version);
    if (!row || (row.status === 'draft' && !includeDrafts)) throw new ItemVersionNotFoundError(code, version);
    return toItemVersion(row);
  }

  async versions(code: string, includeDrafts: boolean): Promise<VersionSummaryViewDto[]> {
    const rows = await this.items.versionsOf(code);
    const visible = rows.filter((r) => includeDrafts || r.status !== 'draft');
    if (visible.length === 0) throw new ItemNotFoundError(code);
    return visible.map((r) => ({
      version: r.version,
      status: r.status,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      supersededAt: r.supersededAt?.toISOString() ?? null,
    }));
  }

  async bundles(): Promise<BundleSummaryViewDto[]> {
    const rows = await this.bundleRows.all();
    return rows.map((b) => ({
      code: b.code,
      name: b.name,
      description: b.description,
      itemCodes: b.itemCodes,
      themes: b.themes,
    }));
  }

  async departments(): Promise<DepartmentViewDto[]> {
    const rows = await this.departmentRows.withItemCounts();
    return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, items: r.items }));
  }

  /** C4: per department, how far promised limits are below legal ones and the share of ≤ 1 visit. */
  async report(): Promise<CatalogueReportViewDto> {
    const rows = await this.items.publishedDefinitions();
    const names = new Map((await this.departmentRows.all()).map((d) => [d.code, d.name]));
    const { departments, overall } = departmentReport(
      rows.map((r) => ({
        department: r.department,
        legalLimitDays: r.definition.legalLimitDays,
        promisedLimitDays: r.definition.promisedLimitDays,
        visits: r.definition.visits,
      })),
    );
    return {
      generatedAt: new Date().toISOString(),
      targets: { compression: COMPRESSION_TARGET, atMostOneVisit: VISIT_TARGET },
      departments: departments.map((d) => ({ ...d, departmentName: names.get(d.department) ?? null })),
      overall,
    };
  }
}

function summaryOf(v: CatalogueItemVersionEntity): ItemSummaryViewDto {
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
