import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principals, type Principal } from '@onewindow/auth';
import { idempotencyHeaderDoc, idempotencyKeyOf, NotVisibleError, TraceId } from '@onewindow/http';
import type { FastifyReply } from 'fastify';
import { followUpPermitsFor } from '../follow-up/follow-up-permits';
import { RegistrationFormDto } from '../form/dto/registration-form.dto';
import { FollowUpPermitsViewDto, OneDayReportViewDto, RegistrationViewDto } from './dto/registration-view.dto';
import {
  OneDayReportQueryDto,
  ReasonDto,
  RegistrationIdParamDto,
  StepCorrectionDto,
  StepParamsDto,
} from './dto/registration-requests.dto';
import { toRegistrationView } from './registration-access';
import { RegistrationLifecycleService } from './registration-lifecycle.service';
import { RegistrationQueryService, WHAT } from './registration-query.service';
import { RegistrationSubmissionService } from './registration-submission.service';

/** The founder's side of opening a company (企业开办), and the reads market regulation shares. */
@ApiTags('registrations (企业开办)')
@ApiBearerAuth()
@Controller('registrations')
export class RegistrationsController {
  constructor(
    private readonly submission: RegistrationSubmissionService,
    private readonly queries: RegistrationQueryService,
    private readonly lifecycle: RegistrationLifecycleService,
  ) {}

  @Post()
  @Principals('citizen', 'enterprise')
  @ApiOperation({
    summary:
      '一表申报：提交企业开办申请 (submit the one form: validated as a whole, the name checked and reserved; the saga does the rest)',
    description:
      'Every problem of the form in one 400 (details per field). A name that is taken, for every candidate: 409. The same form again by the same founder while the first is alive: 409 with the first registration. The same Idempotency-Key again: 200 with the first registration.',
  })
  @ApiHeader(idempotencyHeaderDoc('the same registration', false, '; with a different form, 422'))
  @ApiCreatedResponse({ type: RegistrationViewDto, description: 'Submitted' })
  @ApiOkResponse({
    type: RegistrationViewDto,
    description: 'Repeated Idempotency-Key: the registration submitted the first time',
  })
  @ApiBadRequestResponse({ description: 'Invalid form: every field with its problems in details' })
  @ApiConflictResponse({ description: 'Every name candidate taken, or the same form already submitted' })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with a different form' })
  async submit(
    @CurrentPrincipal() p: Principal,
    @Body() form: RegistrationFormDto,
    @Headers('idempotency-key') key: string | undefined,
    @TraceId() traceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationViewDto> {
    const r = await this.submission.submit(p, form, idempotencyKeyOf(key), traceId);
    reply.status(r.created ? 201 : 200);
    const { reg, steps, access } = await this.queries.visible(p, r.registration.id);
    return toRegistrationView(reg, steps, access);
  }

  @Get()
  @Principals('citizen', 'enterprise')
  @ApiOperation({ summary: '我的企业开办申请 (my registrations, newest first)' })
  @ApiOkResponse({ type: [RegistrationViewDto] })
  async mine(@CurrentPrincipal() p: Principal): Promise<RegistrationViewDto[]> {
    return (await this.queries.mine(p)).map(({ reg, steps }) => toRegistrationView(reg, steps, { kind: 'owner' }));
  }

  @Get('report/one-day')
  @Principals('staff')
  @ApiOperation({ summary: '一个工作日办结率 (share of registrations completed within one working day, R7)' })
  @ApiOkResponse({ type: OneDayReportViewDto })
  @ApiForbiddenResponse({ description: 'Not market regulation or a supervisor' })
  oneDay(@CurrentPrincipal() p: Principal, @Query() q: OneDayReportQueryDto): Promise<OneDayReportViewDto> {
    return this.queries.oneDayReport(p, q.from, q.to);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      '办理进度 (progress: every step with its department, state and time; the founder, market regulation, and each department for its own step)',
  })
  @ApiOkResponse({ type: RegistrationViewDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller' })
  async get(@CurrentPrincipal() p: Principal, @Param() { id }: RegistrationIdParamDto): Promise<RegistrationViewDto> {
    const { reg, steps, access } = await this.queries.visible(p, id);
    return toRegistrationView(reg, steps, access);
  }

  @Get(':id/follow-up-permits')
  @ApiOperation({
    summary: '后置审批事项 (the follow-up permits the business scope needs, linked to the catalogue, R9)',
  })
  @ApiOkResponse({ type: FollowUpPermitsViewDto })
  @ApiNotFoundResponse()
  async followUp(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: RegistrationIdParamDto,
  ): Promise<FollowUpPermitsViewDto> {
    const { reg, access } = await this.queries.visible(p, id);
    // A department sees its own step, not the founder's plans: as if the registration did not exist.
    if (access.kind === 'department') throw new NotVisibleError(WHAT, id);
    return {
      registrationId: reg.id,
      businessScope: reg.form.businessScope,
      permits: followUpPermitsFor(reg.form.businessScope).map((f) => ({
        ...f,
        catalogueUrl: `/api/intake/catalogue/items/${f.itemCode}`,
      })),
      note: "事项及其办事指南以事项清单（intake 目录）为准；本服务只保存经营范围关键词与事项编码的对应关系 (intake's catalogue is the source of truth for the items; this service keeps only the keyword-to-item mapping)",
    };
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Principals('citizen', 'enterprise')
  @ApiOperation({
    summary: '撤回 (withdraw before the licence: pending steps cancelled, the name released; after the licence 409)',
  })
  @ApiOkResponse({ type: RegistrationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The licence is already issued (currentState in details)' })
  async withdraw(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: RegistrationIdParamDto,
    @Body() dto: ReasonDto,
    @TraceId() traceId: string,
  ): Promise<RegistrationViewDto> {
    await this.lifecycle.withdraw(p, id, dto.reason, traceId);
    const { reg, steps, access } = await this.queries.visible(p, id);
    return toRegistrationView(reg, steps, access);
  }

  @Post(':id/steps/:stepId/correction')
  @HttpCode(200)
  @Principals('citizen', 'enterprise')
  @ApiOperation({
    summary: '更正被退回的步骤 (correct the data of a rejected department step: that step only runs again)',
  })
  @ApiOkResponse({ type: RegistrationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The step is not waiting for a correction (currentState in details)' })
  @ApiUnprocessableEntityResponse({ description: "The body does not carry exactly this step's section" })
  async correct(
    @CurrentPrincipal() p: Principal,
    @Param() { id, stepId }: StepParamsDto,
    @Body() dto: StepCorrectionDto,
    @TraceId() traceId: string,
  ): Promise<RegistrationViewDto> {
    await this.lifecycle.correct(p, id, stepId, dto, traceId);
    const { reg, steps, access } = await this.queries.visible(p, id);
    return toRegistrationView(reg, steps, access);
  }
}
