import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

/**
 * Fault injection for the F2 test (90-quality.md): with OW_TEST_CRASH_AFTER=licence-issued the process
 * kills itself with SIGKILL the moment the transaction that issued a licence has committed, before the
 * Kafka offset is committed and before the department steps start: exactly "killed between the licence
 * and the department steps". Off unless the variable is set; never set it in a deployment.
 */
export type CrashPoint = 'licence-issued';

const KEY = 'owCrashAfterCommit';

export function markCrashPoint(m: EntityManager, point: CrashPoint): void {
  if (process.env.OW_TEST_CRASH_AFTER === point && m.queryRunner) m.queryRunner.data[KEY] = point;
}

class CrashAfterCommit implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const point = event.queryRunner.data?.[KEY];
    if (point) {
      process.stderr.write(`OW_TEST_CRASH_AFTER: killing the process after ${point}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  }
}

@Injectable()
export class FaultInjectionService implements OnModuleInit {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  onModuleInit(): void {
    const point = process.env.OW_TEST_CRASH_AFTER;
    if (!point) return;
    if (point !== 'licence-issued') throw new Error(`OW_TEST_CRASH_AFTER: unknown crash point ${point}`);
    new Logger('fault-injection').warn(`OW_TEST_CRASH_AFTER=${point}: this process will SIGKILL itself (test only)`);
    this.ds.subscribers.push(new CrashAfterCommit());
  }
}
