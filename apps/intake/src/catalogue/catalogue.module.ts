import { Module } from '@nestjs/common';
import { CatalogueAdminController } from './catalogue-admin.controller';
import { CatalogueAdminService } from './catalogue-admin.service';
import { CataloguePublicController } from './catalogue-public.controller';
import { CatalogueQueryService } from './catalogue-query.service';
import { CatalogueReaderService } from './catalogue-reader.service';
import { ItemVersionCache } from './item-version-cache';
import { CatalogueReader } from './catalogue.types';
import { CatalogueBundleRow } from './entities/catalogue-bundle.entity';
import { CatalogueDepartmentRow } from './entities/catalogue-department.entity';
import { CatalogueItemVersionRow } from './entities/catalogue-item-version.entity';
import { CatalogueItemRow } from './entities/catalogue-item.entity';
import { CatalogueInit1764010000000 } from './migrations/1764010000000-catalogue-init';
import { CatalogueSeeder } from './seed/catalogue-seeder.service';

export const catalogueEntities = [CatalogueDepartmentRow, CatalogueItemRow, CatalogueItemVersionRow, CatalogueBundleRow];
export const catalogueMigrations = [CatalogueInit1764010000000];

/**
 * The catalogue (事项清单, C1–C6): public search and reading, admin editing with publication
 * rules, bundles, the C4 report, the seed, and the CatalogueReader the rest of intake injects.
 */
@Module({
  controllers: [CataloguePublicController, CatalogueAdminController],
  providers: [
    ItemVersionCache,
    CatalogueReaderService,
    { provide: CatalogueReader, useExisting: CatalogueReaderService },
    CatalogueQueryService,
    CatalogueAdminService,
    CatalogueSeeder,
  ],
  exports: [CatalogueReader],
})
export class CatalogueModule {}
