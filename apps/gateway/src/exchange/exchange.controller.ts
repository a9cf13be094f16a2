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
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Principals } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { validateUscc } from '@onewindow/codes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExchangeErrors, ExchangeScopes, ownDepartmentBody, PurposeHeader, requireScope } from './exchange-http';
import { ExchangeService } from './exchange.service';
import { parsePurpose, PURPOSE_HEADER } from './domain/purpose';
import { SystemPrincipalGuard, systemPrincipal } from './system-principal.guard';

const LICENCE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/;

/**
 * G7, cross-department data exchange (数据共享交换) for department systems (`system` principals,
 * client credentials). Every call declares its purpose and is recorded in exchange_access_log.
 * The department is always the token's: a `department` in the query or body that differs is refused.
 */
@ApiTags('exchange')
@ApiBearerAuth()
@Principals('system')
@UseGuards(SystemPrincipalGuard)
@Controller('exchange')
export class ExchangeController {
  constructor(private readonly exchange: ExchangeService) {}

  @Get('work')
  @ApiOperation({
    summary: "拉取本部门待办 (pull this department's tasks)",
    description: 'Scope `tasks:read`. Proxied to intake `GET /department/tasks`; other query parameters are passed on.',
  })
  @ApiQuery({ name: 'status', required: false, type: String })
  @ApiOkResponse({ description: "The department's tasks, as the intake service returns them" })
  @PurposeHeader()
  @ExchangeErrors()
  async work(
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
        scope: ExchangeScopes.work,
        route: 'GET /exchange/work',
        service: 'intake',
        upstreamPath: '/department/tasks',
      },
    );
  }

  @Post('decisions')
  @HttpCode(200)
  @ApiOperation({
    summary: '回传办理结果 (return a decision on a task)',
    description:
      "Scope `tasks:decide`. Proxied to intake `POST /department/decisions`. The body is the intake service's decision; its department, if given, must be the token's.",
  })
  @ApiBody({
    schema: { type: 'object', additionalProperties: true, description: 'As intake POST /department/decisions' },
  })
  @PurposeHeader()
  @ExchangeErrors()
  async decisions(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
    @TraceId() traceId: string,
    @Headers(PURPOSE_HEADER) purposeRaw?: string,
  ): Promise<void> {
    const principal = systemPrincipal(req);
    requireScope(principal, ExchangeScopes.decisions);
    const purpose = parsePurpose(purposeRaw);
    const decision = ownDepartmentBody(body, principal);
    await this.exchange.forward(req, reply, principal, {
      route: 'POST /exchange/decisions',
      service: 'intake',
      method: 'POST',
      upstreamPath: '/department/decisions',
      body: decision,
      purpose,
      requestId: traceId,
    });
  }

  @Get('enterprises/:uscc')
  @ApiOperation({
    summary: '查询企业基本信息 (enterprise basics by USCC)',
    description: 'Scope `data:enterprise-basic`. Proxied to registration `GET /shared/enterprises/:uscc`.',
  })
  @ApiParam({
    name: 'uscc',
    description: '统一社会信用代码 (GB 32100 unified social credit code, 18 characters)',
    example: '91120116MA05JXYZ4R',
  })
  @PurposeHeader()
  @ExchangeErrors()
  async enterprise(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('uscc') uscc: string,
    @TraceId() traceId: string,
    @Headers(PURPOSE_HEADER) purposeRaw?: string,
  ): Promise<void> {
    const principal = systemPrincipal(req);
    requireScope(principal, ExchangeScopes.enterprises);
    const purpose = parsePurpose(purposeRaw);
    const check = validateUscc(uscc);
    if (!check.valid) {
      throw new BadRequestException({
        message: `统一社会信用代码无效 (malformed USCC): ${check.reasons.map((r) => r.message).join('；')}`,
        details: { uscc, reasons: check.reasons },
      });
    }
    await this.exchange.forward(req, reply, principal, {
      route: 'GET /exchange/enterprises/:uscc',
      service: 'registration',
      method: 'GET',
      upstreamPath: `/shared/enterprises/${uscc}`,
      purpose,
      requestId: traceId,
    });
  }

  @Get('licences/:number')
  @ApiOperation({
    summary: '查询电子证照 (e-licence by number)',
    description: 'Scope `data:e-licence`. Proxied to registration `GET /shared/licences/:number`.',
  })
  @ApiParam({ name: 'number', description: 'Licence number (letters, digits and hyphens, 4-64)' })
  @PurposeHeader()
  @ExchangeErrors()
  async licence(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('number') number: string,
    @TraceId() traceId: string,
    @Headers(PURPOSE_HEADER) purposeRaw?: string,
  ): Promise<void> {
    const principal = systemPrincipal(req);
    requireScope(principal, ExchangeScopes.licences);
    const purpose = parsePurpose(purposeRaw);
    if (!LICENCE_NUMBER.test(number)) {
      throw new BadRequestException({
        message: `证照编号格式错误 (malformed licence number: letters, digits and hyphens, 4-64 characters)`,
        details: { number },
      });
    }
    await this.exchange.forward(req, reply, principal, {
      route: 'GET /exchange/licences/:number',
      service: 'registration',
      method: 'GET',
      upstreamPath: `/shared/licences/${encodeURIComponent(number)}`,
      purpose,
      requestId: traceId,
    });
  }
}
