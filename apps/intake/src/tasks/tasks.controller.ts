import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Principals, RequireRoles, Roles, StaffPrincipal, SystemPrincipal } from '@onewindow/auth';
import { DecisionDto } from '../applications/dto/application.dto';
import { TraceId } from '../applications/http-helpers';
import { DepartmentDecisionDto, ExtendDto, PauseDto, ResumeDto, ReviewDto, TaskQueryDto, TaskView } from './task.dto';
import { TaskService } from './task.service';

/** The department's queue for its reviewers and approvers (A6). Another department's task: 404. */
@ApiTags('tasks')
@ApiBearerAuth()
@Principals('staff')
@RequireRoles(Roles.reviewer, Roles.approver)
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TaskService) {}

  @Get()
  @ApiOperation({ summary: "My department's queue within my division (open, claimed and reviewed tasks unless ?state=)" })
  @ApiOkResponse({ type: [TaskView] })
  queue(@CurrentPrincipal() p: StaffPrincipal, @Query() q: TaskQueryDto): Promise<TaskView[]> {
    return this.tasks.queue(p, q.state);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with both due dates' })
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<TaskView> {
    return this.tasks.get(p, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task: the application goes IN_REVIEW' })
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already claimed (or claimed concurrently)' })
  claim(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @TraceId() traceId: string): Promise<TaskView> {
    return this.tasks.claim(p, id, traceId);
  }

  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '一审: the reviewer\'s opinion; the task goes to an approver (two-step items)' })
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: 'Claimed by someone else' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  review(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewDto, @TraceId() traceId: string): Promise<TaskView> {
    return this.tasks.review(p, id, dto, traceId);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide: grant or refuse with reasons and legal basis; the decision document is issued' })
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: 'Two-step item and not an approver, or the approver reviewed it too' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not in review (currentState in details)' })
  decide(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecisionDto, @TraceId() traceId: string): Promise<TaskView> {
    return this.tasks.decide(p, id, dto, traceId);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause for a special procedure (the clock stops, 行政许可法第四十五条)' })
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({ description: 'Not a special procedure of the item' })
  pause(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PauseDto, @TraceId() traceId: string): Promise<TaskView> {
    return this.tasks.pause(p, id, dto, traceId);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume: both due dates move by the working days paused' })
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  resume(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResumeDto, @TraceId() traceId: string): Promise<TaskView> {
    return this.tasks.resume(p, id, dto.note, traceId);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @RequireRoles(Roles.approver)
  @ApiOperation({ summary: 'Extend the legal limit (延期, ≤ 10 working days in total): approvers only, with a reason the applicant sees' })
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: 'Not an approver' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({ description: 'More than 10 working days in total' })
  extend(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExtendDto, @TraceId() traceId: string): Promise<TaskView> {
    return this.tasks.extend(p, id, dto, traceId);
  }
}

/** The same queue for department systems (the gateway's exchange API proxies here). */
@ApiTags('department')
@ApiBearerAuth()
@Principals('system')
@Controller('department')
export class DepartmentController {
  constructor(private readonly tasks: TaskService) {}

  @Get('tasks')
  @ApiOperation({ summary: "The calling department's queue" })
  @ApiOkResponse({ type: [TaskView] })
  queue(@CurrentPrincipal() p: SystemPrincipal, @Query() q: TaskQueryDto): Promise<TaskView[]> {
    return this.tasks.queue(p, q.state);
  }

  @Post('decisions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a decision for one of the department\'s tasks (claimed and decided in one step)' })
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse({ description: 'Unknown task or another department\'s' })
  @ApiConflictResponse({ description: 'Already decided (currentState in details)' })
  decide(@CurrentPrincipal() p: SystemPrincipal, @Body() dto: DepartmentDecisionDto, @TraceId() traceId: string): Promise<TaskView> {
    const { taskId, ...decision } = dto;
    return this.tasks.decideBySystem(p, taskId, decision, traceId);
  }
}
