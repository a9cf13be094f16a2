import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { StepsModule } from '../steps/steps.module';
import { EnterpriseNameRepository } from './enterprise-name.repository';
import { EnterpriseNameEntity } from './entities/enterprise-name.entity';
import { NameReviewEntity } from './entities/name-review.entity';
import { NameRegisterService } from './name-register.service';
import { NameReviewRepository } from './name-review.repository';
import { NameReviewService } from './name-review.service';
import { NameReviewsController } from './name-reviews.controller';

export const nameEntities = [EnterpriseNameEntity, NameReviewEntity];
/** The tables are created by the registrations feature's init migration (see registrations.module.ts). */
export const nameMigrations: (new () => MigrationInterface)[] = [];

/**
 * Names (R2, R8): the register of names in use (reserved, registered, released) and the reviewers'
 * queue of names the rules could not decide. The rules themselves are pure (name-rules.ts).
 * RegistrationRepository comes from the global RegistrationsModule.
 */
@Module({
  imports: [StepsModule],
  controllers: [NameReviewsController],
  providers: [EnterpriseNameRepository, NameReviewRepository, NameRegisterService, NameReviewService],
  exports: [NameRegisterService, NameReviewRepository],
})
export class NamesModule {}
