import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { CalendarController } from './calendar.controller';
import { CalendarPublicationService } from './calendar-publication.service';
import { DueDateCorrectionService } from './due-date-correction.service';

/**
 * The official calendar at run time (ADR 0022): publishing a year of the holiday notice, and recounting
 * the provisional due dates of open applications. Needs OfficialCalendarModule in the root module.
 */
@Module({
  imports: [ApplicationsModule, CatalogueModule],
  controllers: [CalendarController],
  providers: [CalendarPublicationService, DueDateCorrectionService],
  exports: [DueDateCorrectionService],
})
export class CalendarModule {}
