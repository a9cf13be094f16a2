import { Module } from '@nestjs/common';
import { Department } from './entities/department.entity';
import { OrgUnit } from './entities/org-unit.entity';
import { ServiceCentre } from './entities/service-centre.entity';
import { OrgsInit1767225600000 } from './migrations/1767225600000-orgs-init';
import { OrgDirectory } from './org-directory.service';
import { OrgsController } from './orgs.controller';

export const orgEntities = [OrgUnit, Department, ServiceCentre];
export const orgMigrations = [OrgsInit1767225600000];

/** G3: divisions, departments and service centres, seeded from the data files; OrgDirectory for the rest of the gateway. */
@Module({
  controllers: [OrgsController],
  providers: [OrgDirectory],
  exports: [OrgDirectory],
})
export class OrgsModule {}
