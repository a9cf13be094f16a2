import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogueBundleRepository } from '../catalogue-bundle.repository';
import { CatalogueDepartmentRepository } from '../catalogue-department.repository';
import { CatalogueItemRepository } from '../catalogue-item.repository';
import { searchColumns } from '../catalogue-mapping';
import { catalogueSeed, seedProblems, type SeedFile, type SeedItem } from './seed-file';

const SEED_ACTOR = 'system:catalogue-seed';

/**
 * Loads the catalogue seed at start (C6), after migrations (PersistenceModule migrates while the
 * DataSource initialises, before any bootstrap hook).
 * - Departments are reference data: upserted at every start, demo or not, so items can name them.
 * - Items and bundles are demo data, loaded unless OW_SEED_DEMO=false. Items are inserted when their
 *   code is absent and otherwise left alone: once in the database the catalogue belongs to its
 *   admins, and a restart must neither duplicate versions nor undo their edits. Bundles are upserted
 *   by code (they have no admin route yet, so the file is their only source).
 * One transaction under an advisory lock, so replicas starting together seed once.
 */
@Injectable()
export class CatalogueSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger('catalogue-seed');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly items: CatalogueItemRepository,
    private readonly bundles: CatalogueBundleRepository,
    private readonly departments: CatalogueDepartmentRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const demo = process.env.OW_SEED_DEMO !== 'false';
    const inserted = await this.seed(catalogueSeed, { demo });
    this.logger.log(
      `catalogue seed: ${catalogueSeed.departments.length} departments${demo ? `, ${inserted} new items, ${catalogueSeed.bundles.length} bundles` : ' (demo items off)'}`,
    );
  }

  /** Returns the number of items inserted. */
  async seed(seed: SeedFile, opts: { demo: boolean }): Promise<number> {
    const problems = seedProblems(seed);
    if (problems.length > 0) throw new Error(`目录种子数据有误 (catalogue seed invalid):\n${problems.join('\n')}`);
    return this.ds.transaction(async (m) => {
      await this.items.lockForSeeding(m);
      await this.departments.upsert(
        m,
        seed.departments.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn ?? null })),
      );
      if (!opts.demo) return 0;
      let inserted = 0;
      for (const item of seed.items) if (await this.insertItem(m, item)) inserted++;
      await this.bundles.upsert(
        m,
        seed.bundles.map((b) => ({
          code: b.code,
          name: b.name,
          description: b.description ?? null,
          itemCodes: b.items,
          themes: b.themes ?? [],
        })),
      );
      return inserted;
    });
  }

  private async insertItem(m: EntityManager, item: SeedItem): Promise<boolean> {
    const last = item.versions.length;
    const code = item.versions[last - 1].definition.code;
    if (await this.items.exists(m, code)) return false;
    const withdrawn = item.state === 'withdrawn';
    await this.items.insertItem(m, {
      code,
      state: item.state,
      currentVersion: last,
      latestVersion: last,
      withdrawnAt: withdrawn ? new Date(item.withdrawnAt ?? Date.now()) : null,
      withdrawnReason: withdrawn ? item.withdrawnReason!.trim() : null,
      withdrawnBy: withdrawn ? SEED_ACTOR : null,
      createdBy: SEED_ACTOR,
    });
    for (const [i, v] of item.versions.entries()) {
      const n = i + 1;
      const current = n === last;
      await this.items.insertVersion(m, {
        itemCode: code,
        version: n,
        status: current ? (withdrawn ? 'withdrawn' : 'published') : 'superseded',
        definition: v.definition,
        ...searchColumns(v.definition),
        publishedAt: new Date(v.publishedAt),
        publishedBy: SEED_ACTOR,
        supersededAt: current ? null : new Date(item.versions[i + 1].publishedAt),
        createdBy: SEED_ACTOR,
      });
    }
    return true;
  }
}
