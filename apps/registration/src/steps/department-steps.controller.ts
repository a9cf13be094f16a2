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
import { CurrentPrincipal, Principals, type SystemPrincipal } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { QueuedStepViewDto, StepIdParamDto, StepResultDto, SystemStepQueryDto } from './dto/step.dto';
import { StepWorkService } from './step-work.service';

/**
 * The exchange API for department systems (G7): a `system` principal, scoped to its department by its
 * token, pulls its registration steps and returns results. Reached through the gateway's exchange.
 */
@ApiTags('department steps: systems (数据共享交换)')
@ApiBearerAuth()
@Principals('system')
@Controller('department/steps')
export class DepartmentStepsController {
  constructor(private readonly work: StepWorkService) {}

  @Get()
  @ApiOperation({ summary: "拉取本部门待办 (pull this department's steps; scope tasks:read)" })
  @ApiOkResponse({ type: [QueuedStepViewDto] })
  @ApiForbiddenResponse({ description: 'Missing scope' })
  list(@CurrentPrincipal() p: SystemPrincipal, @Query() q: SystemStepQueryDto): Promise<QueuedStepViewDto[]> {
    return this.work.queue(p, p.department, q.state);
  }

  @Post(':id/result')
  @HttpCode(200)
  @ApiOperation({
    summary: '回传办理结果 (return the result of a step: completed, or rejected with a reason; scope tasks:decide)',
  })
  @ApiOkResponse({ type: QueuedStepViewDto })
  @ApiNotFoundResponse({ description: "Unknown, or another department's step" })
  @ApiConflictResponse({ description: 'Not open (currentState in details)' })
  @ApiForbiddenResponse({ description: 'Missing scope' })
  result(
    @CurrentPrincipal() p: SystemPrincipal,
    @Param() { id }: StepIdParamDto,
    @Body() dto: StepResultDto,
    @TraceId() traceId: string,
  ): Promise<QueuedStepViewDto> {
    return this.work.systemResult(p, id, dto, traceId);
  }
}
