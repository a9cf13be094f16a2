import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principals, Public, RequireRoles, Roles, type StaffPrincipal } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { CalendarPublicationService } from './calendar-publication.service';
import {
  CalendarViewDto,
  CalendarYearParamDto,
  PublishCalendarYearDto,
  PublishedCalendarYearViewDto,
} from './dto/calendar-year.dto';

/** The working calendar deadlines are counted on (A7; ADR 0022): which years are official, and publishing a new one. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly publication: CalendarPublicationService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Years counted on an official State Council notice, and the years whose due dates are provisional',
  })
  @ApiOkResponse({ type: CalendarViewDto })
  view(): CalendarViewDto {
    return this.publication.view();
  }

  @Put('years/:year')
  @ApiBearerAuth()
  @Principals('staff')
  @RequireRoles(Roles.platformAdmin)
  @ApiOperation({
    summary:
      "Publish a year of the State Council holiday notice: provisional due dates of open applications (and other services' steps) are recounted",
  })
  @ApiOkResponse({ type: PublishedCalendarYearViewDto })
  @ApiBadRequestResponse({ description: 'Invalid notice: every problem in details (the checks of holidays-cn.json).' })
  @ApiConflictResponse({ description: 'The year is official already (a correction goes through holidays-cn.json).' })
  @ApiUnauthorizedResponse({ description: 'No or invalid token.' })
  @ApiForbiddenResponse({ description: 'Not staff with platform-admin.' })
  publish(
    @Param() params: CalendarYearParamDto,
    @Body() body: PublishCalendarYearDto,
    @CurrentPrincipal() p: StaffPrincipal,
    @TraceId() traceId?: string,
  ): Promise<PublishedCalendarYearViewDto> {
    return this.publication.publish(p, params.year, body, traceId);
  }
}
