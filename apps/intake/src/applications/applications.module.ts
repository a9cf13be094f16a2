import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { AdvisoryLockRepository } from '../deadlines/advisory-lock.repository';
import { IntakeClockService } from '../deadlines/intake-clock.service';
import { ApplicationAcceptanceService } from './application-acceptance.service';
import { ApplicationCorrectionService } from './application-correction.service';
import { ApplicationDecisionService } from './application-decision.service';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import { ApplicationMaterialRepository } from './application-material.repository';
import { ApplicationQueryService } from './application-query.service';
import { ApplicationReceiptRepository } from './application-receipt.repository';
import { ApplicationRepository } from './application.repository';
import { ApplicationStepRepository } from './application-step.repository';
import { ApplicationStepService } from './application-step.service';
import { ApplicationSubmissionService } from './application-submission.service';
import { ApplicationsController } from './applications.controller';
import { ApplicationEntity } from './entities/application.entity';
import { ApplicationFileEntity } from './entities/application-file.entity';
import { ApplicationMaterialEntity } from './entities/application-material.entity';
import { ApplicationStepEntity } from './entities/application-step.entity';
import { MaterialUploadParserService } from './material-upload-parser.service';
import { ApplicationsInit1764030000000 } from './migrations/1764030000000-applications-init';
import { DropUnusedDepartmentIndex1764110000000 } from './migrations/1764110000000-drop-unused-department-index';
import { ApplicationFillfactor1764120000000 } from './migrations/1764120000000-application-fillfactor';
import { CentreListIndexes1764130000000 } from './migrations/1764130000000-centre-list-indexes';
import { PayloadStatistics1764150000001 } from './migrations/1764150000001-payload-statistics';
import { ProvisionalDueDates1766100000001 } from './migrations/1766100000001-provisional-due-dates';
import { WindowController } from './window.controller';

export const applicationEntities = [
  ApplicationEntity,
  ApplicationMaterialEntity,
  ApplicationFileEntity,
  ApplicationStepEntity,
];
export const applicationMigrations = [
  ApplicationsInit1764030000000,
  DropUnusedDepartmentIndex1764110000000,
  ApplicationFillfactor1764120000000,
  CentreListIndexes1764130000000,
  PayloadStatistics1764150000001,
  ProvisionalDueDates1766100000001,
];

const repositories = [
  ApplicationRepository,
  ApplicationMaterialRepository,
  ApplicationStepRepository,
  ApplicationReceiptRepository,
];

/**
 * Applications (A1–A5, A7–A10): receipt online and at any window, the material check, corrections,
 * the intake decision, conclusion, delivery, withdrawal, the hash-chained timeline and the clock.
 */
@Module({
  imports: [CatalogueModule],
  controllers: [ApplicationsController, WindowController],
  providers: [
    ...repositories,
    ApplicationStepService,
    ApplicationQueryService,
    ApplicationDecisionService,
    ApplicationAcceptanceService,
    ApplicationSubmissionService,
    ApplicationCorrectionService,
    ApplicationLifecycleService,
    AdvisoryLockRepository,
    IntakeClockService,
    {
      provide: MaterialUploadParserService,
      inject: [HttpAdapterHost],
      useFactory: (h: HttpAdapterHost) => new MaterialUploadParserService(h),
    },
  ],
  exports: [
    ApplicationRepository,
    ApplicationMaterialRepository,
    ApplicationStepService,
    ApplicationLifecycleService,
    IntakeClockService,
  ],
})
export class ApplicationsModule {}
