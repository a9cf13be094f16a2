import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { UsccIssuedEntity } from './entities/uscc-issued.entity';
import { UsccIssuedRepository } from './uscc-issued.repository';
import { UsccIssuerService } from './uscc-issuer.service';
import { UsccController } from './uscc.controller';

export const usccEntities = [UsccIssuedEntity];
/** The table is created by the registrations feature's init migration; the sequences at run time. */
export const usccMigrations: (new () => MigrationInterface)[] = [];

/** The USCC (R3): public validation of any code, and issuing one per licensed enterprise. */
@Module({
  controllers: [UsccController],
  providers: [UsccIssuedRepository, UsccIssuerService],
  exports: [UsccIssuerService],
})
export class UsccModule {}
