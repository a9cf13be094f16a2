import { Module } from '@nestjs/common';
import { CatalogueLookupService } from './catalogue-lookup.service';
import { FeeContractsCheckService } from './fee-contracts-check.service';
import { FeeNoticeEntity } from './entities/fee-notice.entity';
import { FeePaymentEntity } from './entities/fee-payment.entity';
import { FeeWaiverRequestEntity } from './entities/fee-waiver-request.entity';
import { FeeNoticeRepository } from './fee-notice.repository';
import { FeeNoticeService } from './fee-notice.service';
import { FeePaymentRepository } from './fee-payment.repository';
import { FeePaymentService } from './fee-payment.service';
import { FeeWaiverRepository } from './fee-waiver.repository';
import { FeeWaiverService } from './fee-waiver.service';
import { FeesController } from './fees.controller';
import { Fees1764060000000 } from './migrations/1764060000000-fees';

export const feeEntities = [FeeNoticeEntity, FeePaymentEntity, FeeWaiverRequestEntity];
export const feeMigrations = [Fees1764060000000];

/**
 * Fees (A12, 票款分离). Needs DocumentIssuer (DocumentsModule, global), OutboxWriter (MessagingModule)
 * and a CatalogueReader somewhere in the app (found through CatalogueLookupService). Exports
 * FeeNoticeService so the applications feature can issue and read notices in its transactions.
 */
@Module({
  controllers: [FeesController],
  providers: [
    FeeNoticeRepository,
    FeePaymentRepository,
    FeeWaiverRepository,
    CatalogueLookupService,
    FeeContractsCheckService,
    FeeNoticeService,
    FeePaymentService,
    FeeWaiverService,
  ],
  exports: [FeeNoticeService],
})
export class FeesModule {}
