import { ApiSubmissionResponses } from './dto/submission-responses';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Principals } from '@onewindow/auth';
import { idempotencyHeaderDoc, idempotencyKeyOf, TraceId } from '@onewindow/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toStepView, toView } from './application-access';
import { ApplicationCorrectionService } from './application-correction.service';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import { ApplicationQueryService } from './application-query.service';
import { ApplicationSubmissionService, Submitted } from './application-submission.service';
import {
  ApplicationListQueryDto,
  CorrectionDto,
  MaterialParamDto,
  ReasonDto,
  SubmitApplicationDto,
} from './dto/application.dto';
import {
  ApplicationViewDto,
  BundleSubmissionViewDto,
  ChainVerificationViewDto,
  TimelineViewDto,
  UploadedFileViewDto,
} from './dto/application-view.dto';
import type { ApplicationEntity } from './entities/application.entity';
import { mediaType } from './material-files';

/** The applicant's side (online, 网上办事大厅) and reads shared with staff who may see the application. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly submission: ApplicationSubmissionService,
    private readonly correction: ApplicationCorrectionService,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly queries: ApplicationQueryService,
  ) {}

  @Post()
  @Principals('citizen', 'enterprise')
  @ApiOperation({
    summary:
      'Apply online (A1): receipt issued at once; the same Idempotency-Key again returns the same application (200)',
  })
  @ApiHeader(idempotencyHeaderDoc('the same application', true))
  @ApiSubmissionResponses('Repeated key: what was received the first time')
  @ApiBadRequestResponse({ description: 'Invalid input or missing Idempotency-Key' })
  @ApiForbiddenResponse({ description: 'Not an applicant (citizen or enterprise)' })
  @ApiNotFoundResponse({ description: 'Unknown item' })
  @ApiConflictResponse({ description: 'Item withdrawn' })
  @ApiUnprocessableEntityResponse({ description: 'Not online-able, deciding division missing, unknown material codes' })
  async submit(
    @CurrentPrincipal() p: Principal,
    @Body() dto: SubmitApplicationDto,
    @Headers('idempotency-key') key: string | undefined,
    @TraceId() traceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationViewDto | BundleSubmissionViewDto> {
    const k = idempotencyKeyOf(key, true)!;
    const r = await this.submission.submitOnline(p, dto, k, traceId);
    reply.status(r.created ? 201 : 200);
    return this.submitted(p, r);
  }

  @Get()
  @Principals('citizen', 'enterprise')
  @ApiOperation({ summary: 'My applications (own only), newest first' })
  @ApiOkResponse({ type: [ApplicationViewDto] })
  async mine(@CurrentPrincipal() p: Principal, @Query() q: ApplicationListQueryDto): Promise<ApplicationViewDto[]> {
    const apps = await this.queries.mine(p, q.state);
    const materials = await this.queries.materialsOf(apps.map((a) => a.id));
    return apps.map((a) => toView(p, a, materials.get(a.id)!));
  }

  @Get(':id')
  @ApiOperation({
    summary:
      "One application with both due dates and the working days left (owner, its centre's clerks, the deciding department)",
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller' })
  async get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationViewDto> {
    return this.view(p, await this.queries.visible(p, id));
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every step: who (role, department), when, from→to, the document issued (A8)' })
  @ApiOkResponse({ type: TimelineViewDto })
  @ApiNotFoundResponse()
  async timeline(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TimelineViewDto> {
    const app = await this.queries.visible(p, id);
    const steps = await this.queries.timeline(id);
    return { applicationId: id, number: app.number, steps: steps.map(toStepView) };
  }

  @Get(':id/timeline/verify')
  @ApiOperation({
    summary: 'Recompute the hash chain of the timeline (S8): detects any altered, deleted or reordered step',
  })
  @ApiOkResponse({ type: ChainVerificationViewDto })
  @ApiNotFoundResponse()
  async verify(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ChainVerificationViewDto> {
    await this.queries.visible(p, id);
    return this.queries.verify(id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Principals('citizen', 'enterprise')
  @ApiOperation({ summary: 'Withdraw (A10), any time before the decision, with a reason' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already decided (currentState in details)' })
  async withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.lifecycle.withdraw(p, id, dto.reason, traceId));
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Principals('citizen', 'enterprise', 'staff')
  @ApiOperation({ summary: 'Hand in what the correction notice listed (补正): back to RECEIVED' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'No correction was requested' })
  @ApiUnprocessableEntityResponse({ description: 'Material codes not required by the item' })
  async correct(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectionDto,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.correction.correct(p, id, dto, traceId));
  }

  @Post(':id/materials/:code')
  @Principals('citizen', 'enterprise', 'staff')
  @ApiOperation({
    summary:
      'Upload one material file: the body is the file itself, Content-Type its type (PDF, JPEG, PNG unless the item says otherwise), at most 10 MiB',
  })
  @ApiConsumes('application/pdf', 'image/jpeg', 'image/png')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: UploadedFileViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The application no longer takes this material' })
  @ApiPayloadTooLargeResponse({ description: 'Over 10 MiB (details.limitBytes)' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'Type not accepted for this material, or content not of the declared type',
  })
  @ApiUnprocessableEntityResponse({ description: 'Material code not required by the item' })
  async upload(
    @CurrentPrincipal() p: Principal,
    @Param() params: MaterialParamDto,
    @Req() req: FastifyRequest,
    @TraceId() traceId: string,
  ): Promise<UploadedFileViewDto> {
    // Types with their own Fastify parser (JSON, text) arrive parsed: back to bytes, so they get the 415 that lists the accepted types.
    const raw = req.body;
    const body = Buffer.isBuffer(raw)
      ? raw
      : typeof raw === 'string'
        ? Buffer.from(raw)
        : raw !== undefined && raw !== null
          ? Buffer.from(JSON.stringify(raw))
          : undefined;
    const f = await this.lifecycle.upload(
      p,
      params.id,
      params.code,
      mediaType(req.headers['content-type']),
      body,
      traceId,
    );
    return { fileId: f.id, materialCode: f.materialCode, contentType: f.contentType, size: f.size, sha256: f.sha256 };
  }

  @Post(':id/conclude')
  @HttpCode(200)
  @Principals('staff', 'system')
  @ApiOperation({ summary: "Conclude a decided application (办结): the deciding department or the centre's clerk" })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not decided yet' })
  async conclude(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @TraceId() traceId: string,
  ): Promise<ApplicationViewDto> {
    return this.view(p, await this.lifecycle.conclude(p, id, traceId));
  }

  private submitted(p: Principal, r: Submitted): ApplicationViewDto | BundleSubmissionViewDto {
    const views = r.applications.map((a) => toView(p, a.app, a.materials));
    return r.bundleCode ? { bundleCode: r.bundleCode, applications: views } : views[0];
  }

  private async view(p: Principal, app: ApplicationEntity): Promise<ApplicationViewDto> {
    return toView(p, app, await this.queries.materials(app.id));
  }
}
