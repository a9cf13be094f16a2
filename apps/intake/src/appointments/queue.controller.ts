import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CurrentPrincipal,
  isStaffWithRole,
  Principals,
  Public,
  RequireRoles,
  Roles,
  type Principal,
  type StaffPrincipal,
} from '@onewindow/auth';
import type { FastifyReply } from 'fastify';
import { ticketView } from './appointment-views';
import {
  BoardViewDto,
  CallNextDto,
  CallNextViewDto,
  CentreParamDto,
  TicketDto,
  TicketViewDto,
} from './dto/appointment.dto';
import { QueueService } from './queue.service';

@ApiTags('queue 叫号')
@Controller('queue')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Post('tickets')
  @ApiBearerAuth()
  @Principals('citizen', 'enterprise', 'staff')
  @ApiOperation({
    summary:
      '取号 (take a ticket): {appointmentId} to check in with an appointment, or {category} for a walk-in (clerks). A repeated check-in returns the same ticket (200)',
  })
  @ApiCreatedResponse({ type: TicketViewDto })
  @ApiOkResponse({ type: TicketViewDto, description: 'already checked in: the same ticket' })
  @ApiForbiddenResponse({ description: 'walk-in tickets are issued at the centre by staff' })
  @ApiNotFoundResponse({ description: 'unknown appointment, or not the caller\u2019s' })
  @ApiConflictResponse({ description: 'outside the check-in window, or the appointment was cancelled' })
  async ticket(
    @CurrentPrincipal() p: Principal,
    @Body() dto: TicketDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketViewDto> {
    if ((dto.appointmentId === undefined) === (dto.category === undefined)) {
      throw new BadRequestException({
        message: '须且仅须提供 appointmentId 或 category 之一 (give exactly one of appointmentId, category)',
        details: [{ field: 'appointmentId', problems: ['exactly one of appointmentId, category'] }],
      });
    }
    if (dto.appointmentId) {
      const { ticket, created } = await this.queue.ticketForAppointment(p, dto.appointmentId);
      reply.status(created ? 201 : 200);
      return ticketView(ticket);
    }
    if (!isStaffWithRole(p, Roles.windowClerk)) QueueService.refuseRemoteWalkIn();
    return ticketView(await this.queue.walkIn(p, dto.category!));
  }

  @Post('call-next')
  @HttpCode(200)
  @ApiBearerAuth()
  @Principals('staff')
  @RequireRoles(Roles.windowClerk)
  @ApiOperation({
    summary: '叫号 (call the next ticket to a window at the clerk\u2019s centre): appointments on their slot first',
  })
  @ApiOkResponse({ type: CallNextViewDto })
  async callNext(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CallNextDto): Promise<CallNextViewDto> {
    const t = await this.queue.callNext(p, dto.windowNo, dto.categories);
    return { ticket: t ? ticketView(t) : null };
  }

  @Public()
  @Get(':centre/board')
  @ApiOperation({ summary: '叫号屏 (hall display): numbers called and waiting counts; public, nothing personal' })
  @ApiOkResponse({ type: BoardViewDto })
  async board(@Param() { centre }: CentreParamDto): Promise<BoardViewDto> {
    return this.queue.board(centre);
  }
}
