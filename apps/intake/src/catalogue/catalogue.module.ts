import { Module } from '@nestjs/common';
import { CatalogueBundleRepository } from './catalogue-bundle.repository';
import { CatalogueDepartmentRepository } from './catalogue-department.repository';
import { CatalogueItemRepository } from './catalogue-item.repository';
import { CatalogueAdminController } from './catalogue-admin.controller';
import { CatalogueAdminService } from './catalogue-admin.service';
import { CataloguePublicController } from './catalogue-public.controller';
import { CatalogueQueryService } from './catalogue-query.service';
import { CatalogueReaderService } from './catalogue-reader.service';
import { ItemVersionCacheService } from './item-version-cache.service';
import { CatalogueReader } from './catalogue.types';
import { CatalogueBundleEntity } from './entities/catalogue-bundle.entity';
import { CatalogueDepartmentEntity } from './entities/catalogue-department.entity';
import { CatalogueItemVersionEntity } from './entities/catalogue-item-version.entity';
import { CatalogueItemEntity } from './entities/catalogue-item.entity';
import { CatalogueInit1764010000000 } from './migrations/1764010000000-catalogue-init';
import { CatalogueSeederService } from './seed/catalogue-seeder.service';

export const catalogueEntities = [
  CatalogueDepartmentEntity,
  CatalogueItemEntity,
  CatalogueItemVersionEntity,
  CatalogueBundleEntity,
];
export const catalogueMigrations = [CatalogueInit1764010000000];

/**
 * The catalogue (事项清单, C1–C6): public search and reading, admin editing with publication
 * rules, bundles, the C4 report, the seed, and the CatalogueReader the rest of intake injects.
 */
@Module({
  controllers: [CataloguePublicController, CatalogueAdminController],
  providers: [
    CatalogueItemRepository,
    CatalogueBundleRepository,
    CatalogueDepartmentRepository,
    ItemVersionCacheService,
    CatalogueReaderService,
    { provide: CatalogueReader, useExisting: CatalogueReaderService },
    CatalogueQueryService,
    CatalogueAdminService,
    CatalogueSeederService,
  ],
  exports: [CatalogueReader],
})
export class CatalogueModule {}
