import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Principals } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { isUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExchangeErrors, ExchangeScopes, ownDepartmentBody, PurposeHeader, requireScope } from './exchange-http';
import { ExchangeService } from './exchange.service';
import { parsePurpose, PURPOSE_HEADER } from './domain/purpose';
import { SystemPrincipalGuard, systemPrincipal } from './system-principal.guard';

const STEP_STATES = ['QUEUED', 'CLAIMED', 'REQUESTED', 'DONE', 'REJECTED', 'CORRECTION_REQUESTED', 'CANCELLED'];

/**
 * G7 for registration (企业开办, R5): a department system (GA seal, SW tax, RS social insurance, TJ
 * statistics) pulls its department's registration steps and returns their results through the
 * exchange, like intake's tasks on /exchange/work. Purpose required, department from the token,
 * every call recorded in exchange_access_log; the registration service checks the token again and
 * scopes the steps to the token's department.
 */
@ApiTags('exchange')
@ApiBearerAuth()
@Principals('system')
@UseGuards(SystemPrincipalGuard)
@Controller('exchange/registration/steps')
export class RegistrationStepsExchangeController {
  constructor(private readonly exchange: ExchangeService) {}

  @Get()
  @ApiOperation({
    summary: "拉取本部门企业开办待办 (pull this department's registration steps)",
    description:
      "Scope `tasks:read`. Proxied to registration `GET /department/steps`; `state` is passed on. Each step carries the department's section of the form and the enterprise basics.",
  })
  @ApiQuery({
    name: 'state',
    required: false,
    enum: STEP_STATES,
    description: '默认待办：QUEUED 与 CLAIMED (default: the open queue)',
  })
  @ApiOkResponse({ description: "The department's steps, as the registration service returns them (QueuedStepView[])" })
  @PurposeHeader()
  @ExchangeErrors()
  async list(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @TraceId() traceId: string,
    @Headers(PURPOSE_HEADER) purposeRaw?: string,
  ): Promise<void> {
    await this.exchange.pullDepartmentList(
      req,
      reply,
      { traceId, purposeRaw },
      {
        scope: ExchangeScopes.registrationSteps,
        route: 'GET /exchange/registration/steps',
        service: 'registration',
        upstreamPath: '/department/steps',
      },
    );
  }

  @Post(':id/result')
  @HttpCode(200)
  @ApiOperation({
    summary: '回传企业开办办理结果 (return the result of a registration step)',
    description:
      "Scope `tasks:decide`. Proxied to registration `POST /department/steps/:id/result`, from QUEUED or CLAIMED. A rejection's `reason` is what the founder is told to correct.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The step id, from GET /exchange/registration/steps' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['outcome'],
      properties: {
        outcome: { type: 'string', enum: ['completed', 'rejected'] },
        reference: {
          type: 'string',
          maxLength: 64,
          description: "部门业务编号 (the department's reference, e.g. a filing number)",
        },
        note: { type: 'string', maxLength: 500 },
        reason: {
          type: 'string',
          maxLength: 1000,
          description: '退回原因（outcome=rejected 时必填） (required when rejected)',
        },
      },
    },
  })
  @ApiOkResponse({ description: 'The step after the result (QueuedStepView)' })
  @ApiResponse({ status: 404, description: "Unknown step, or another department's" })
  @ApiResponse({ status: 409, description: 'The step is not open (currentState in details)' })
  @PurposeHeader()
  @ExchangeErrors()
  async result(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
    @TraceId() traceId: string,
    @Headers(PURPOSE_HEADER) purposeRaw?: string,
  ): Promise<void> {
    const principal = systemPrincipal(req);
    requireScope(principal, ExchangeScopes.registrationStepResults);
    const purpose = parsePurpose(purposeRaw);
    if (!isUUID(id)) {
      throw new BadRequestException({
        message: `步骤编号格式错误 (malformed step id: a UUID is expected)`,
        details: [{ field: 'id', problems: ['id must be a UUID'] }],
      });
    }
    const stepResult = ownDepartmentBody(body, principal);
    await this.exchange.forward(req, reply, principal, {
      route: 'POST /exchange/registration/steps/:id/result',
      service: 'registration',
      method: 'POST',
      upstreamPath: `/department/steps/${id}/result`,
      body: stepResult,
      purpose,
      requestId: traceId,
    });
  }
}
