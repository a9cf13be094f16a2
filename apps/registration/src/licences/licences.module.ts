import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { LicenceEntity } from './entities/licence.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { LicenceIssuerService } from './licence-issuer.service';
import { LicenceQueryService } from './licence-query.service';
import { LicenceVerifierService } from './licence-verifier.service';
import { LicenceRepository } from './licence.repository';
import { LicencesController } from './licences.controller';
import { SharedDataController } from './shared-data.controller';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeyService } from './signing-key.service';

export const licenceEntities = [LicenceEntity, SigningKeyEntity];
/** The tables are created by the registrations feature's init migration. */
export const licenceMigrations: (new () => MigrationInterface)[] = [];

/**
 * The e-licence (R4): issued signed in the saga's transaction, read and verified by anyone, and shared
 * with department systems (G7) with the enterprise basics. RegistrationRepository and
 * RegistrationCounterRepository come from the global RegistrationsModule.
 */
@Module({
  controllers: [LicencesController, SharedDataController],
  providers: [
    LicenceRepository,
    SigningKeyRepository,
    SigningKeyService,
    LicenceIssuerService,
    LicenceVerifierService,
    LicenceQueryService,
  ],
  exports: [LicenceIssuerService, SigningKeyService],
})
export class LicencesModule {}
