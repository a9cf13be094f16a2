import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { StepsModule } from '../steps/steps.module';
import { CalendarConsumer } from './calendar.consumer';
import { StepDueCorrectionService } from './step-due-correction.service';

/** The holiday years are stored in official_calendar_year, the table of @onewindow/official-calendar. */
export const calendarEntities: (new () => unknown)[] = [];
export const calendarMigrations: (new () => MigrationInterface)[] = [];

/**
 * The official calendar at run time, on registration's side (issue 12): the consumer of the holiday
 * notices and the correction of the steps' provisional due dates. Needs OfficialCalendarModule (the
 * store, a platform module of the service definition) and calendarContracts among the service's contracts.
 */
@Module({
  imports: [StepsModule],
  providers: [CalendarConsumer, StepDueCorrectionService],
})
export class CalendarModule {}
