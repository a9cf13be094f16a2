import { ApiSubmissionResponses } from './dto/submission-responses';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Principals, RequireRoles, Roles, StaffPrincipal } from '@onewindow/auth';
import { idempotencyHeaderDoc, idempotencyKeyOf, TraceId } from '@onewindow/http';
import type { FastifyReply } from 'fastify';
import { toView } from './application-access';
import { ApplicationAcceptanceService } from './application-acceptance.service';
import { ApplicationCorrectionService } from './application-correction.service';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import { ApplicationQueryService } from './application-query.service';
import { ApplicationSubmissionService, Submitted } from './application-submission.service';
import {
  ApplicationListQueryDto,
  CorrectionDto,
  CorrectionNoticeDto,
  DecisionDto,
  DeliverDto,
  GapAcceptDto,
  NoteDto,
  RejectDto,
  WindowSubmitApplicationDto,
} from './dto/application.dto';
import { ApplicationViewDto, BundleSubmissionViewDto, MaterialCheckViewDto } from './dto/application-view.dto';
import type { ApplicationEntity } from './entities/application.entity';

/**
 * The window (一窗受理, A1–A5, A9): clerks of any centre receive any item receivable at their level;
 * they see and act only on their own centre's applications (another centre's: 404).
 */
@ApiTags('window')
@ApiBearerAuth()
@Principals('staff')
@RequireRoles(Roles.windowClerk)
@Controller('window/applications')
export class WindowController {
  constructor(
    private readonly submission: ApplicationSubmissionService,
    private readonly correction: ApplicationCorrectionService,
    private readonly acceptance: ApplicationAcceptanceService,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly queries: ApplicationQueryService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Receive an application on behalf of an applicant (接件); receipt issued at once' })
  @ApiHeader(idempotencyHeaderDoc('the same application', false))
  @ApiSubmissionResponses('Repeated Idempotency-Key')
  @ApiBadRequestResponse({ description: 'Invalid input, invalid resident ID / USCC' })
  @ApiForbiddenResponse({ description: 'Not a window clerk' })
  @ApiNotFoundResponse({ description: 'Unknown item' })
  @ApiConflictResponse({ description: 'Item withdrawn' })
  @ApiUnprocessableEntityResponse({
    description: '该事项不能在本中心受理 (item not receivable at this centre), unknown material codes',
  })
  async receive(
    @CurrentPrincipal() p: StaffPrincipal,
    @Body() dto: WindowSubmitApplicationDto,
    @Headers('idempotency-key') key: string | undefined,
    @TraceId() traceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationViewDto | BundleSubmissionViewDto> {
    const r = await this.submission.submitAtWindow(p, dto, idempotencyKeyOf(key, false), traceId);
    reply.status(r.created ? 201 : 200);
    return this.submitted(p, r);
  }

  @Get()
  @ApiOperation({
    summary: "This centre's applications (received here, or online ones whose intake decision falls to it)",
  })
  @ApiOkResponse({ type: [ApplicationViewDto] })
  async list(
    @CurrentPrincipal() p: StaffPrincipal,
    @Query() q: ApplicationListQueryDto,
  ): Promise<ApplicationViewDto[]> {
    const apps = await this.queries.atCentre(p, q.state);
    const materials = await this.queries.materialsOf(apps.map((a) => a.id));
    return apps.map((a) => toView(p, a, materials.get(a.id)!));
  }

  @Get(':id/material-check')
  @ApiOperation({ summary: 'The material check (A2): everything missing or non-conforming against the item version' })
  @ApiOkResponse({ type: MaterialCheckViewDto })
  @ApiNotFoundResponse()
  async materialCheck(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MaterialCheckViewDto> {
    return this.correction.materialCheck(p, id);
  }

  @Post(':id/correction-notice')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue the one-time correction notice (补正告知书, 一次性告知) listing everything at once' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not in RECEIVED' })
  @ApiUnprocessableEntityResponse({ description: 'Nothing to correct' })
  async correctionNotice(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectionNoticeDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.correction.requestCorrection(p, id, dto, traceId));
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correction on the spot (当场补正): back to RECEIVED' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async correct(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectionDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.correction.correct(p, id, dto, traceId));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept (受理): acceptance notice; promised and legal due dates set; a task goes to the deciding department',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not in RECEIVED, or changed concurrently (another clerk won)' })
  @ApiUnprocessableEntityResponse({ description: 'Materials incomplete' })
  async accept(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: NoteDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.acceptance.accept(p, id, dto.note, traceId));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject (不予受理) with the reason and where to go instead' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async reject(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.acceptance.reject(p, id, dto, traceId));
  }

  @Post(':id/gap-accept')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Gap acceptance (容缺受理, A4): primary materials complete + signed commitment; missing secondary ones get due dates',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({
    description: 'Not allowed for the item, primary materials missing, nothing missing, no commitment',
  })
  async gapAccept(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GapAcceptDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.acceptance.gapAccept(p, id, dto, traceId));
  }

  @Post(':id/instant-decision')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Instant item (即办件, A5): accept, decide and conclude on the spot (role approver or the item's department)",
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiForbiddenResponse({ description: 'No authority to decide' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({ description: 'Not an instant item, materials incomplete' })
  async instant(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.acceptance.instantDecision(p, id, dto, traceId));
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver the result (送达, A9) at the window or by post (tracking number recorded): DELIVERED closes it',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not concluded (currentState in details)' })
  async deliver(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeliverDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.lifecycle.deliver(p, id, dto, traceId));
  }

  private submitted(p: Principal, r: Submitted): ApplicationViewDto | BundleSubmissionViewDto {
    const views = r.applications.map((a) => toView(p, a.app, a.materials));
    return r.bundleCode ? { bundleCode: r.bundleCode, applications: views } : views[0];
  }

  private async view(p: StaffPrincipal, app: ApplicationEntity): Promise<ApplicationViewDto> {
    return toView(p, app, await this.queries.materials(app.id));
  }
}
