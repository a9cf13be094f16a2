import { DynamicModule, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { WorkingCalendar } from '@onewindow/calendar';
import type { DataSource } from 'typeorm';
import { OfficialCalendarStore } from './official-calendar-store';
import { OfficialCalendarYearRow } from './official-calendar-year.entity';
import { OfficialCalendarYears1766100000000 } from './official-calendar-years.migration';

export const officialCalendarEntities = [OfficialCalendarYearRow];
export const officialCalendarMigrations = [OfficialCalendarYears1766100000000];

/** Starts the store once every module (and every correction registered in onModuleInit) is in place. */
@Injectable()
class OfficialCalendarLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly store: OfficialCalendarStore) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.store.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.store.stop();
  }
}

/**
 * The service's calendar with the years published at run time (OfficialCalendarStore). Needs
 * PersistenceModule with officialCalendarEntities and officialCalendarMigrations in the root module.
 * Features register their ProvisionalDateCorrection with the store in onModuleInit.
 */
@Module({})
export class OfficialCalendarModule {
  static forService(opts: { calendar: WorkingCalendar; lockName: string; refreshIntervalMs?: number }): DynamicModule {
    return {
      module: OfficialCalendarModule,
      global: true,
      providers: [
        {
          provide: OfficialCalendarStore,
          inject: [getDataSourceToken()],
          useFactory: (ds: DataSource) =>
            new OfficialCalendarStore(ds, opts.calendar, {
              lockName: opts.lockName,
              refreshIntervalMs: opts.refreshIntervalMs,
            }),
        },
        OfficialCalendarLifecycle,
      ],
      exports: [OfficialCalendarStore],
    };
  }
}
