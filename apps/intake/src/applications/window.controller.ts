import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiExtraModels, getSchemaPath, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Principals, RequireRoles, Roles, StaffPrincipal } from '@onewindow/auth';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { toView } from './application-access';
import { ApplicationIntake, Submitted } from './application-intake.service';
import { ApplicationLifecycle } from './application-lifecycle.service';
import { ApplicationQueries } from './application-queries.service';
import { ApplicationListQueryDto, CorrectionDto, CorrectionNoticeDto, DecisionDto, DeliverDto, GapAcceptDto, NoteDto, RejectDto, WindowSubmitApplicationDto } from './dto/application.dto';
import { ApplicationView, BundleSubmissionView, MaterialCheckView } from './dto/application-view.dto';
import type { ApplicationRow } from './entities/application.entity';
import { IDEMPOTENCY_HEADER_DOC, idempotencyKeyOf, TraceId } from './http-helpers';

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
    @InjectDataSource() private readonly ds: DataSource,
    private readonly intake: ApplicationIntake,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly queries: ApplicationQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Receive an application on behalf of an applicant (接件); receipt issued at once' })
  @ApiHeader({ ...IDEMPOTENCY_HEADER_DOC, required: false })
  @ApiExtraModels(ApplicationView, BundleSubmissionView)
  @ApiCreatedResponse({ description: 'Received: the application, or for a bundle one per item', schema: { oneOf: [{ $ref: getSchemaPath(ApplicationView) }, { $ref: getSchemaPath(BundleSubmissionView) }] } })
  @ApiOkResponse({ description: 'Repeated Idempotency-Key', schema: { oneOf: [{ $ref: getSchemaPath(ApplicationView) }, { $ref: getSchemaPath(BundleSubmissionView) }] } })
  @ApiBadRequestResponse({ description: 'Invalid input, invalid resident ID / USCC' })
  @ApiForbiddenResponse({ description: 'Not a window clerk' })
  @ApiNotFoundResponse({ description: 'Unknown item' })
  @ApiConflictResponse({ description: 'Item withdrawn' })
  @ApiUnprocessableEntityResponse({ description: '该事项不能在本中心受理 (item not receivable at this centre), unknown material codes' })
  async receive(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: WindowSubmitApplicationDto, @Headers('idempotency-key') key: string | undefined, @TraceId() traceId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ApplicationView | BundleSubmissionView> {
    const r = await this.intake.submitAtWindow(p, dto, idempotencyKeyOf(key, false), traceId);
    reply.status(r.created ? 201 : 200);
    return this.submitted(p, r);
  }

  @Get()
  @ApiOperation({ summary: "This centre's applications (received here, or online ones whose intake decision falls to it)" })
  @ApiOkResponse({ type: [ApplicationView] })
  async list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: ApplicationListQueryDto): Promise<ApplicationView[]> {
    const apps = await this.queries.atCentre(p, q.state);
    const materials = await this.queries.materialsOf(apps.map((a) => a.id));
    return apps.map((a) => toView(p, a, materials.get(a.id)!));
  }

  @Get(':id/material-check')
  @ApiOperation({ summary: 'The material check (A2): everything missing or non-conforming against the item version' })
  @ApiOkResponse({ type: MaterialCheckView })
  @ApiNotFoundResponse()
  async materialCheck(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<MaterialCheckView> {
    return this.intake.materialCheck(p, id);
  }

  @Post(':id/correction-notice')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue the one-time correction notice (补正告知书, 一次性告知) listing everything at once' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not in RECEIVED' })
  @ApiUnprocessableEntityResponse({ description: 'Nothing to correct' })
  async correctionNotice(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CorrectionNoticeDto, @TraceId() traceId: string): Promise<ApplicationView> {
    return this.view(p, await this.intake.requestCorrection(p, id, dto, traceId));
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correction on the spot (当场补正): back to RECEIVED' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async correct(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CorrectionDto, @TraceId() traceId: string): Promise<ApplicationView> {
    return this.view(p, await this.lifecycle.correct(p, id, dto, traceId));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (受理): acceptance notice; promised and legal due dates set; a task goes to the deciding department' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not in RECEIVED, or changed concurrently (another clerk won)' })
  @ApiUnprocessableEntityResponse({ description: 'Materials incomplete' })
  async accept(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: NoteDto, @TraceId() traceId: string): Promise<ApplicationView> {
    return this.view(p, await this.intake.accept(p, id, dto.note, traceId));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject (不予受理) with the reason and where to go instead' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async reject(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectDto, @TraceId() traceId: string): Promise<ApplicationView> {
    return this.view(p, await this.intake.reject(p, id, dto, traceId));
  }

  @Post(':id/gap-accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gap acceptance (容缺受理, A4): primary materials complete + signed commitment; missing secondary ones get due dates' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({ description: 'Not allowed for the item, primary materials missing, nothing missing, no commitment' })
  async gapAccept(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: GapAcceptDto, @TraceId() traceId: string): Promise<ApplicationView> {
    return this.view(p, await this.intake.gapAccept(p, id, dto, traceId));
  }

  @Post(':id/instant-decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Instant item (即办件, A5): accept, decide and conclude on the spot (role approver or the item\'s department)' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiForbiddenResponse({ description: 'No authority to decide' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({ description: 'Not an instant item, materials incomplete' })
  async instant(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecisionDto, @TraceId() traceId: string): Promise<ApplicationView> {
    return this.view(p, await this.intake.instantDecision(p, id, dto, traceId));
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver the result (送达, A9) at the window or by post (tracking number recorded): DELIVERED closes it' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not concluded (currentState in details)' })
  async deliver(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeliverDto, @TraceId() traceId: string): Promise<ApplicationView> {
    return this.view(p, await this.lifecycle.deliver(p, id, dto, traceId));
  }

  private submitted(p: Principal, r: Submitted): ApplicationView | BundleSubmissionView {
    const views = r.applications.map((a) => toView(p, a.app, a.materials));
    return r.bundleCode ? { bundleCode: r.bundleCode, applications: views } : views[0];
  }

  private async view(p: StaffPrincipal, app: ApplicationRow): Promise<ApplicationView> {
    return toView(p, app, await this.queries.materials(this.ds.manager, app.id));
  }
}
