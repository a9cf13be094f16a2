import { Body, Controller, Get, HttpCode, Param, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CurrentPrincipal,
  Principals,
  Public,
  RequireRoles,
  Roles,
  type Principal,
  type StaffPrincipal,
} from '@onewindow/auth';
import { toDayNumber } from '@onewindow/calendar';
import { AppointmentService } from './appointment.service';
import { appointmentView, slotView } from './appointment-views';
import {
  AppointmentViewDto,
  BookDto,
  IdParamDto,
  ListSlotsQueryDto,
  OpenSlotsDto,
  OpenSlotsViewDto,
  SlotViewDto,
} from './dto/appointment.dto';

@ApiTags('appointments 预约')
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentService) {}

  @Post('slots')
  @ApiBearerAuth()
  @Principals('staff')
  @RequireRoles(Roles.windowClerk)
  @ApiOperation({ summary: '开放预约时段 (open slots at the clerk\u2019s centre for a category over a date range)' })
  @ApiCreatedResponse({ type: OpenSlotsViewDto })
  @ApiUnprocessableEntityResponse({ description: 'range refused (past, too long, no calendar for the year...)' })
  async open(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: OpenSlotsDto): Promise<OpenSlotsViewDto> {
    const { category, capacity, ...range } = dto;
    return this.appointments.openSlots(p, category, range, capacity);
  }

  @Public()
  @Get('slots')
  @ApiOperation({ summary: '可预约时段 (slots of a centre with remaining capacity); public' })
  @ApiOkResponse({ type: [SlotViewDto] })
  async slots(@Query() q: ListSlotsQueryDto): Promise<SlotViewDto[]> {
    const days = toDayNumber(q.toDate) - toDayNumber(q.fromDate);
    if (days < 0 || days > 31)
      throw new UnprocessableEntityException({ message: '查询范围须为 0 至 31 天 (range must be 0-31 days)' });
    return (await this.appointments.listSlots(q.centre, q.category, q.fromDate, q.toDate)).map(slotView);
  }

  @Post()
  @ApiBearerAuth()
  @Principals('citizen', 'enterprise')
  @ApiOperation({ summary: '预约 (book a slot), 24×7' })
  @ApiCreatedResponse({ type: AppointmentViewDto })
  @ApiNotFoundResponse({ description: 'unknown slot' })
  @ApiConflictResponse({ description: 'full, started, or already booked by the caller' })
  async book(@CurrentPrincipal() p: Principal, @Body() dto: BookDto): Promise<AppointmentViewDto> {
    const { appointment, slot } = await this.appointments.book(p, dto.slotId);
    return appointmentView(appointment, slot);
  }

  @Get()
  @ApiBearerAuth()
  @Principals('citizen', 'enterprise')
  @ApiOperation({ summary: '我的预约 (my appointments)' })
  @ApiOkResponse({ type: [AppointmentViewDto] })
  async mine(@CurrentPrincipal() p: Principal): Promise<AppointmentViewDto[]> {
    return (await this.appointments.mine(p)).map((r) => appointmentView(r.appointment, r.slot));
  }

  @Get(':id')
  @ApiBearerAuth()
  @Principals('citizen', 'enterprise', 'staff')
  @ApiOperation({ summary: '预约详情 (an appointment): its applicant, or a clerk of its centre' })
  @ApiOkResponse({ type: AppointmentViewDto })
  @ApiNotFoundResponse()
  async get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParamDto): Promise<AppointmentViewDto> {
    const { appointment, slot } = await this.appointments.findVisible(p, id);
    return appointmentView(appointment, slot);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @Principals('citizen', 'enterprise')
  @ApiOperation({ summary: '取消预约 (cancel before the slot starts)' })
  @ApiOkResponse({ type: AppointmentViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'already cancelled or checked in, or the slot has started' })
  async cancel(@CurrentPrincipal() p: Principal, @Param() { id }: IdParamDto): Promise<AppointmentViewDto> {
    const { appointment, slot } = await this.appointments.cancel(p, id);
    return appointmentView(appointment, slot);
  }
}
