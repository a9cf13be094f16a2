import { Module } from '@nestjs/common';
import { DepartmentEntity } from './entities/department.entity';
import { OrgUnitEntity } from './entities/org-unit.entity';
import { ServiceCentreEntity } from './entities/service-centre.entity';
import { OrgsInit1767225600000 } from './migrations/1767225600000-orgs-init';
import { OrgDirectoryRepository } from './org-directory.repository';
import { OrgDirectoryService } from './org-directory.service';
import { OrgsController } from './orgs.controller';

export const orgEntities = [OrgUnitEntity, DepartmentEntity, ServiceCentreEntity];
export const orgMigrations = [OrgsInit1767225600000];

/** G3: divisions, departments and service centres, seeded from the data files; OrgDirectoryService for the rest of the gateway. */
@Module({
  controllers: [OrgsController],
  providers: [OrgDirectoryRepository, OrgDirectoryService],
  exports: [OrgDirectoryService],
})
export class OrgsModule {}
