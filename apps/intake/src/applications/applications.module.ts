import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { IntakeClock } from '../deadlines/intake-clock.service';
import { ApplicationIntake } from './application-intake.service';
import { ApplicationLifecycle } from './application-lifecycle.service';
import { ApplicationQueries } from './application-queries.service';
import { ApplicationSteps } from './application-steps';
import { ApplicationsController } from './applications.controller';
import { ApplicationRow } from './entities/application.entity';
import { ApplicationFileRow } from './entities/application-file.entity';
import { ApplicationMaterialRow } from './entities/application-material.entity';
import { ApplicationStepRow } from './entities/application-step.entity';
import { DEFAULT_FILE_TYPES, MAX_MATERIAL_BYTES } from './material-files';
import { ApplicationsInit1764030000000 } from './migrations/1764030000000-applications-init';
import { DropUnusedDepartmentIndex1764110000000 } from './migrations/1764110000000-drop-unused-department-index';
import { ApplicationFillfactor1764120000000 } from './migrations/1764120000000-application-fillfactor';
import { CentreListIndexes1764130000000 } from './migrations/1764130000000-centre-list-indexes';
import { PayloadStatistics1764150000001 } from './migrations/1764150000001-payload-statistics';
import { ProvisionalDueDates1766100000001 } from './migrations/1766100000001-provisional-due-dates';
import { WindowController } from './window.controller';

export const applicationEntities = [ApplicationRow, ApplicationMaterialRow, ApplicationFileRow, ApplicationStepRow];
export const applicationMigrations = [ApplicationsInit1764030000000, DropUnusedDepartmentIndex1764110000000, ApplicationFillfactor1764120000000, CentreListIndexes1764130000000, PayloadStatistics1764150000001, ProvisionalDueDates1766100000001];

/**
 * Binary material uploads: the body is the file. Fastify refuses types without a parser (415); the
 * parser's own limit sits above MAX_MATERIAL_BYTES so that files between the two reach the handler and
 * get the 413 that names the limit. Registered only if nobody registered these types before.
 */
class MaterialUploadParsers implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as
      | { hasContentTypeParser(t: string): boolean; addContentTypeParser(t: string[], o: object, fn: (req: unknown, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => void): void }
      | undefined;
    if (!fastify?.addContentTypeParser) return;
    const types = DEFAULT_FILE_TYPES.filter((t) => !fastify.hasContentTypeParser(t));
    if (types.length) fastify.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: MAX_MATERIAL_BYTES + 2 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  }
}

/**
 * Applications (A1–A5, A7–A10): receipt online and at any window, the material check, corrections,
 * the intake decision, conclusion, delivery, withdrawal, the hash-chained timeline and the clock.
 */
@Module({
  imports: [CatalogueModule],
  controllers: [ApplicationsController, WindowController],
  providers: [ApplicationSteps, ApplicationQueries, ApplicationIntake, ApplicationLifecycle, IntakeClock, { provide: MaterialUploadParsers, inject: [HttpAdapterHost], useFactory: (h: HttpAdapterHost) => new MaterialUploadParsers(h) }],
  exports: [ApplicationSteps, ApplicationQueries, ApplicationIntake, ApplicationLifecycle, IntakeClock],
})
export class ApplicationsModule {}
