import { Controller, ForbiddenException, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, hasScope, Principals, type SystemPrincipal } from '@onewindow/auth';
import { LicenceNumberParamDto, SignedLicenceViewDto } from './dto/licence.dto';
import { EnterpriseBasicsViewDto, EnterpriseUsccParamDto } from './dto/shared-data.dto';
import { LicenceQueryService } from './licence-query.service';

function requireScope(p: SystemPrincipal, scope: string): void {
  if (!hasScope(p, scope))
    throw new ForbiddenException({
      message: `未获授权访问此类数据 (forbidden: the client lacks the scope "${scope}")`,
      details: { requiredScope: scope },
    });
}

/**
 * Shared data for department systems (G7), reached through the gateway's exchange
 * (`/exchange/enterprises/:uscc`, `/exchange/licences/:number`), which logs each call with its purpose.
 */
@ApiTags('shared data (数据共享)')
@ApiBearerAuth()
@Principals('system')
@Controller('shared')
export class SharedDataController {
  constructor(private readonly queries: LicenceQueryService) {}

  @Get('enterprises/:uscc')
  @ApiOperation({ summary: '企业基本信息 (enterprise basics by USCC; scope data:enterprise-basic)' })
  @ApiOkResponse({ type: EnterpriseBasicsViewDto })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  async enterprise(
    @CurrentPrincipal() p: SystemPrincipal,
    @Param() { uscc }: EnterpriseUsccParamDto,
  ): Promise<EnterpriseBasicsViewDto> {
    requireScope(p, 'data:enterprise-basic');
    return this.queries.enterpriseBasics(uscc);
  }

  @Get('licences/:number')
  @ApiOperation({ summary: '电子营业执照 (the signed e-licence; scope data:e-licence)' })
  @ApiOkResponse({ type: SignedLicenceViewDto })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  licence(
    @CurrentPrincipal() p: SystemPrincipal,
    @Param() { number }: LicenceNumberParamDto,
  ): Promise<SignedLicenceViewDto> {
    requireScope(p, 'data:e-licence');
    return this.queries.signed(number);
  }
}
