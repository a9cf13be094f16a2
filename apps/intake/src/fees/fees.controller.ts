import { Body, Controller, ForbiddenException, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CurrentPrincipal,
  hasScope,
  Principals,
  RequireRoles,
  Roles,
  type Principal,
  type StaffPrincipal,
} from '@onewindow/auth';
import type { FastifyReply } from 'fastify';
import {
  ConfirmationViewDto,
  CreateFeeNoticeDto,
  FeeNoticeViewDto,
  ListNoticesQueryDto,
  NoticeIdParamDto,
  PaymentConfirmationDto,
  WaiverDecisionDto,
  WaiverIdParamDto,
  WaiverRequestDto,
  WaiverRequestViewDto,
} from './dto/fee.dto';
import { FeeNoticeService } from './fee-notice.service';
import { FeePaymentService } from './fee-payment.service';
import { noticeView, waiverView } from './fee-views';
import { FeeWaiverService } from './fee-waiver.service';

/** The bank channel's scope: only a department system holding it may confirm payments. */
export const PAYMENTS_SCOPE = 'payments';

@ApiTags('fees 收费（票款分离）')
@ApiBearerAuth()
@Controller('fees')
export class FeesController {
  constructor(
    private readonly notices: FeeNoticeService,
    private readonly payments: FeePaymentService,
    private readonly waivers: FeeWaiverService,
  ) {}

  @Post('notices')
  @Principals('staff')
  @RequireRoles(Roles.windowClerk)
  @ApiOperation({ summary: "开具缴费通知 (issue a fee notice from the item version's fee items); window clerks" })
  @ApiCreatedResponse({ type: FeeNoticeViewDto })
  @ApiNotFoundResponse({ description: 'unknown item or version' })
  @ApiConflictResponse({ description: 'a notice for this application and item exists' })
  @ApiUnprocessableEntityResponse({ description: 'the item is free of charge' })
  async create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateFeeNoticeDto): Promise<FeeNoticeViewDto> {
    return noticeView(await this.notices.create({ ...dto, actor: { type: 'staff', id: p.sub } }));
  }

  @Get('notices')
  @Principals('citizen', 'enterprise', 'staff')
  @ApiOperation({ summary: '申请的缴费通知 (fee notices of an application): applicants only their own' })
  @ApiOkResponse({ type: [FeeNoticeViewDto] })
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListNoticesQueryDto): Promise<FeeNoticeViewDto[]> {
    return (await this.notices.list(p, q.applicationId)).map(noticeView);
  }

  @Get('notices/:id')
  @Principals('citizen', 'enterprise', 'staff')
  @ApiOperation({ summary: '缴费通知 (a fee notice): the applicant it was issued to, or staff' })
  @ApiOkResponse({ type: FeeNoticeViewDto })
  @ApiNotFoundResponse()
  async get(@CurrentPrincipal() p: Principal, @Param() { id }: NoticeIdParamDto): Promise<FeeNoticeViewDto> {
    return noticeView(await this.notices.findVisible(p, id));
  }

  @Post('confirmations')
  @Principals('system')
  @ApiOperation({
    summary:
      '银行到账确认 (payment confirmation from the bank channel; scope payments). Idempotent by bankTxnId: 201 first time, 200 for a repeat',
  })
  @ApiCreatedResponse({ type: ConfirmationViewDto })
  @ApiOkResponse({ type: ConfirmationViewDto, description: 'the same bankTxnId was recorded before' })
  @ApiForbiddenResponse({ description: 'not the bank channel' })
  @ApiNotFoundResponse({ description: 'unknown notice number' })
  @ApiConflictResponse({ description: 'notice already paid or waived, or bankTxnId reused with other data' })
  @ApiUnprocessableEntityResponse({ description: 'amount differs from the notice total' })
  async confirm(
    @CurrentPrincipal() p: Principal,
    @Body() dto: PaymentConfirmationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConfirmationViewDto> {
    if (!hasScope(p, PAYMENTS_SCOPE))
      throw new ForbiddenException({
        message: `需要 ${PAYMENTS_SCOPE} 权限范围 (forbidden: scope ${PAYMENTS_SCOPE} required)`,
      });
    const r = await this.payments.confirm(p, {
      noticeNumber: dto.noticeNumber,
      amountFen: dto.amountFen,
      bankTxnId: dto.bankTxnId,
      paidAt: new Date(dto.paidAt),
    });
    reply.status(r.replayed ? 200 : 201);
    return {
      outcome: r.replayed ? 'already-recorded' : 'recorded',
      paymentId: r.payment.id,
      notice: noticeView(r.notice),
    };
  }

  @Post('notices/:id/waiver-requests')
  @Principals('staff')
  @RequireRoles(Roles.windowClerk)
  @ApiOperation({ summary: '申请减免 (request a waiver of a fee notice); window clerks' })
  @ApiCreatedResponse({ type: WaiverRequestViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'notice not payable any more, or a request is pending' })
  async requestWaiver(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param() { id }: NoticeIdParamDto,
    @Body() dto: WaiverRequestDto,
  ): Promise<WaiverRequestViewDto> {
    return waiverView(await this.waivers.request(p, id, dto.reason));
  }

  @Get('waiver-requests/:id')
  @Principals('staff')
  @ApiOperation({ summary: '减免申请 (a waiver request); staff' })
  @ApiOkResponse({ type: WaiverRequestViewDto })
  @ApiNotFoundResponse()
  async getWaiver(@Param() { id }: WaiverIdParamDto): Promise<WaiverRequestViewDto> {
    return waiverView(await this.waivers.find(id));
  }

  @Post('waiver-requests/:id/approve')
  @HttpCode(200)
  @Principals('staff')
  @RequireRoles(Roles.approver)
  @ApiOperation({ summary: '批准减免 (approve a waiver); an approver other than the requester' })
  @ApiOkResponse({ type: WaiverRequestViewDto })
  @ApiForbiddenResponse({ description: 'the approver requested it' })
  @ApiConflictResponse({ description: 'already decided, or the notice was paid' })
  @ApiNotFoundResponse()
  async approve(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param() { id }: WaiverIdParamDto,
    @Body() dto: WaiverDecisionDto,
  ): Promise<WaiverRequestViewDto> {
    return waiverView((await this.waivers.decide(p, id, true, dto.note)).request);
  }

  @Post('waiver-requests/:id/reject')
  @HttpCode(200)
  @Principals('staff')
  @RequireRoles(Roles.approver)
  @ApiOperation({ summary: '驳回减免 (reject a waiver); an approver other than the requester' })
  @ApiOkResponse({ type: WaiverRequestViewDto })
  @ApiForbiddenResponse()
  @ApiConflictResponse()
  @ApiNotFoundResponse()
  async reject(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param() { id }: WaiverIdParamDto,
    @Body() dto: WaiverDecisionDto,
  ): Promise<WaiverRequestViewDto> {
    return waiverView((await this.waivers.decide(p, id, false, dto.note)).request);
  }
}
