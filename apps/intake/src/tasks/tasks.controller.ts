import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principals, RequireRoles, Roles, StaffPrincipal } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { DecisionDto } from '../applications/dto/application.dto';
import { ExtendDto, PauseDto, ResumeDto, ReviewDto, TaskQueryDto, TaskViewDto } from './dto/task.dto';
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
  @ApiOperation({
    summary: "My department's queue within my division (open, claimed and reviewed tasks unless ?state=)",
  })
  @ApiOkResponse({ type: [TaskViewDto] })
  queue(@CurrentPrincipal() p: StaffPrincipal, @Query() q: TaskQueryDto): Promise<TaskViewDto[]> {
    return this.tasks.queue(p, q.state);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with both due dates' })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<TaskViewDto> {
    return this.tasks.get(p, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task: the application goes IN_REVIEW' })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already claimed (or claimed concurrently)' })
  claim(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @TraceId() traceId: string,
  ): Promise<TaskViewDto> {
    return this.tasks.claim(p, id, traceId);
  }

  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({ summary: "一审: the reviewer's opinion; the task goes to an approver (two-step items)" })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiForbiddenResponse({ description: 'Claimed by someone else' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  review(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviewDto,
    @TraceId() traceId: string,
  ): Promise<TaskViewDto> {
    return this.tasks.review(p, id, dto, traceId);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide: grant or refuse with reasons and legal basis; the decision document is issued' })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiForbiddenResponse({ description: 'Two-step item and not an approver, or the approver reviewed it too' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not in review (currentState in details)' })
  decide(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
    @TraceId() traceId: string,
  ): Promise<TaskViewDto> {
    return this.tasks.decide(p, id, dto, traceId);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause for a special procedure (the clock stops, 行政许可法第四十五条)' })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({ description: 'Not a special procedure of the item' })
  pause(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PauseDto,
    @TraceId() traceId: string,
  ): Promise<TaskViewDto> {
    return this.tasks.pause(p, id, dto, traceId);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume: both due dates move by the working days paused' })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  resume(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResumeDto,
    @TraceId() traceId: string,
  ): Promise<TaskViewDto> {
    return this.tasks.resume(p, id, dto.note, traceId);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @RequireRoles(Roles.approver)
  @ApiOperation({
    summary:
      'Extend the legal limit (延期, ≤ 10 working days in total): approvers only, with a reason the applicant sees',
  })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiForbiddenResponse({ description: 'Not an approver' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({ description: 'More than 10 working days in total' })
  extend(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ExtendDto,
    @TraceId() traceId: string,
  ): Promise<TaskViewDto> {
    return this.tasks.extend(p, id, dto, traceId);
  }
}
