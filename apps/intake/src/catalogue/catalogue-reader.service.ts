import { Injectable } from '@nestjs/common';
import { CatalogueBundleRepository } from './catalogue-bundle.repository';
import {
  BundleNotFoundError,
  BundleUnavailableError,
  ItemNotFoundError,
  ItemVersionNotFoundError,
  ItemWithdrawnError,
} from './catalogue-errors';
import { toItemVersion } from './catalogue-mapping';
import { CatalogueReader, type ItemVersion, type MaterialRequirement } from './catalogue.types';
import { CatalogueItemRepository } from './catalogue-item.repository';
import { ItemVersionCacheService } from './item-version-cache.service';
import { mergeBundleMaterials } from './rules/bundle-merge';

export interface BundleView {
  code: string;
  name: string;
  description: string | null;
  themes: string[];
  items: ItemVersion[];
  materials: MaterialRequirement[];
  /** Items of the bundle that take no applications now (withdrawn, or never published). */
  excludedItems: { itemCode: string; state: 'draft' | 'withdrawn' }[];
}

/**
 * What the rest of intake asks the catalogue (the CatalogueReader contract), on the service's own
 * database. Reads only; every answer is the stored version as is, so an application filed under a
 * version keeps reading exactly that version (C2).
 */
@Injectable()
export class CatalogueReaderService extends CatalogueReader {
  constructor(
    private readonly items: CatalogueItemRepository,
    private readonly bundles: CatalogueBundleRepository,
    private readonly cache: ItemVersionCacheService,
  ) {
    super();
  }

  currentVersion(itemCode: string): Promise<ItemVersion> {
    return this.cache.get(itemCode, () => this.loadCurrentVersion(itemCode));
  }

  private async loadCurrentVersion(itemCode: string): Promise<ItemVersion> {
    const item = await this.items.findItem(itemCode);
    if (!item || item.state === 'draft' || item.currentVersion === null) throw new ItemNotFoundError(itemCode);
    if (item.state === 'withdrawn') throw new ItemWithdrawnError(itemCode, item.withdrawnAt);
    const row = await this.items.getVersion(itemCode, item.currentVersion);
    return toItemVersion(row);
  }

  async version(itemCode: string, version: number): Promise<ItemVersion> {
    const row = await this.items.findVersion(itemCode, version);
    // Drafts never had applications filed under them: to everyone but catalogue admins they do not exist.
    if (!row || row.status === 'draft') throw new ItemVersionNotFoundError(itemCode, version);
    return toItemVersion(row);
  }

  async bundle(
    bundleCode: string,
  ): Promise<{ code: string; name: string; items: ItemVersion[]; materials: MaterialRequirement[] }> {
    const view = await this.bundleView(bundleCode);
    if (view.items.length === 0) throw new BundleUnavailableError(bundleCode);
    return view;
  }

  /** The bundle as the public sees it: the items taking applications, merged materials, and what is left out. */
  async bundleView(bundleCode: string): Promise<BundleView> {
    const bundle = await this.bundles.find(bundleCode);
    if (!bundle) throw new BundleNotFoundError(bundleCode);
    const items = await this.items.itemsByCodes(bundle.itemCodes);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const published = await this.items.publishedOf(bundle.itemCodes);
    const versionByCode = new Map(published.map((v) => [v.itemCode, v]));
    const versions: ItemVersion[] = [];
    const excludedItems: BundleView['excludedItems'] = [];
    for (const code of bundle.itemCodes) {
      const v = versionByCode.get(code);
      if (v) versions.push(toItemVersion(v));
      else
        excludedItems.push({ itemCode: code, state: byCode.get(code)?.state === 'withdrawn' ? 'withdrawn' : 'draft' });
    }
    return {
      code: bundle.code,
      name: bundle.name,
      description: bundle.description,
      themes: bundle.themes,
      items: versions,
      materials: mergeBundleMaterials(versions.map((v) => v.definition)),
      excludedItems,
    };
  }
}
