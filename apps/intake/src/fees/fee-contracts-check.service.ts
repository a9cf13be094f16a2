import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventRegistry } from '@onewindow/contracts';

export const FEE_EVENT_TYPES = ['intake.fee.notice-issued', 'intake.fee.paid', 'intake.fee.waived'];

/**
 * The fee events' contracts (libs/contracts/src/events/intake-fee.ts) must be in the registry the
 * service's MessagingModule was given, or every fee write would fail at the outbox. Said loudly at
 * start rather than on the first payment.
 */
@Injectable()
export class FeeContractsCheckService implements OnModuleInit {
  constructor(private readonly registry: EventRegistry) {}

  onModuleInit(): void {
    const missing = FEE_EVENT_TYPES.filter((t) => !this.registry.get(t, 1));
    if (missing.length) {
      new Logger('fees').error(
        `收费事件契约未注册 (fee event contracts not registered: ${missing.join(', ')}): add intakeFeeContracts to the contracts given to MessagingModule`,
      );
    }
  }
}
