import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principals, type StaffPrincipal } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { CompleteStepDto, QueuedStepViewDto, RejectStepDto, StaffStepQueryDto, StepIdParamDto } from './dto/step.dto';
import { StepWorkService } from './step-work.service';

/** Department staff's queue of registration steps (公安 GA, 税务 SW, 人社 RS, 统计 TJ). */
@ApiTags('department steps: staff (部门办理)')
@ApiBearerAuth()
@Principals('staff')
@Controller('steps')
export class StepsController {
  constructor(private readonly work: StepWorkService) {}

  @Get()
  @ApiOperation({ summary: "本部门待办步骤 (your department's queue; department must be your own)" })
  @ApiOkResponse({ type: [QueuedStepViewDto] })
  @ApiForbiddenResponse({ description: 'Another department' })
  queue(@CurrentPrincipal() p: StaffPrincipal, @Query() q: StaffStepQueryDto): Promise<QueuedStepViewDto[]> {
    return this.work.queue(p, q.department, q.state);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '认领 (claim a queued step)' })
  @ApiOkResponse({ type: QueuedStepViewDto })
  @ApiNotFoundResponse({ description: "Unknown, or another department's step" })
  @ApiConflictResponse({ description: 'Not queued (currentState in details)' })
  claim(@CurrentPrincipal() p: StaffPrincipal, @Param() { id }: StepIdParamDto): Promise<QueuedStepViewDto> {
    return this.work.claim(p, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: '办结 (complete a step you claimed)' })
  @ApiOkResponse({ type: QueuedStepViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not claimed by you (currentState in details)' })
  complete(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param() { id }: StepIdParamDto,
    @Body() dto: CompleteStepDto,
    @TraceId() traceId: string,
  ): Promise<QueuedStepViewDto> {
    return this.work.complete(p, id, dto, traceId);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: "退回更正 (reject: the founder is asked to correct this step's data only)" })
  @ApiOkResponse({ type: QueuedStepViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not claimed by you (currentState in details)' })
  reject(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param() { id }: StepIdParamDto,
    @Body() dto: RejectStepDto,
    @TraceId() traceId: string,
  ): Promise<QueuedStepViewDto> {
    return this.work.reject(p, id, dto.reason, traceId);
  }
}
