import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principals, SystemPrincipal } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { DepartmentDecisionDto, TaskQueryDto, TaskViewDto } from './dto/task.dto';
import { TaskService } from './task.service';

/** The same queue for department systems (the gateway's exchange API proxies here). */
@ApiTags('department')
@ApiBearerAuth()
@Principals('system')
@Controller('department')
export class DepartmentController {
  constructor(private readonly tasks: TaskService) {}

  @Get('tasks')
  @ApiOperation({ summary: "The calling department's queue" })
  @ApiOkResponse({ type: [TaskViewDto] })
  queue(@CurrentPrincipal() p: SystemPrincipal, @Query() q: TaskQueryDto): Promise<TaskViewDto[]> {
    return this.tasks.queue(p, q.state);
  }

  @Post('decisions')
  @HttpCode(200)
  @ApiOperation({ summary: "Return a decision for one of the department's tasks (claimed and decided in one step)" })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiNotFoundResponse({ description: "Unknown task or another department's" })
  @ApiConflictResponse({ description: 'Already decided (currentState in details)' })
  decide(
    @CurrentPrincipal() p: SystemPrincipal,
    @Body() dto: DepartmentDecisionDto,
    @TraceId() traceId: string,
  ): Promise<TaskViewDto> {
    const { taskId, ...decision } = dto;
    return this.tasks.decideBySystem(p, taskId, decision, traceId);
  }
}
