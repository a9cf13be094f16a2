import { Module } from '@nestjs/common';
import { CatalogueLookup } from './catalogue-lookup';
import { FeeContractsCheck } from './fee-contracts-check';
import { FeeNoticeEntity } from './entities/fee-notice.entity';
import { FeePaymentEntity } from './entities/fee-payment.entity';
import { FeeWaiverRequestEntity } from './entities/fee-waiver-request.entity';
import { FeeNoticeService } from './fee-notice.service';
import { FeePaymentService } from './fee-payment.service';
import { FeeWaiverService } from './fee-waiver.service';
import { FeesController } from './fees.controller';
import { Fees1764060000000 } from './migrations/1764060000000-fees';

export const feeEntities = [FeeNoticeEntity, FeePaymentEntity, FeeWaiverRequestEntity];
export const feeMigrations = [Fees1764060000000];

/**
 * Fees (A12, 票款分离). Needs DocumentIssuer (DocumentsModule, global), OutboxWriter (MessagingModule)
 * and a CatalogueReader somewhere in the app (found through CatalogueLookup). Exports
 * FeeNoticeService so the applications feature can issue and read notices in its transactions.
 */
@Module({
  controllers: [FeesController],
  providers: [CatalogueLookup, FeeContractsCheck, FeeNoticeService, FeePaymentService, FeeWaiverService],
  exports: [FeeNoticeService],
})
export class FeesModule {}
