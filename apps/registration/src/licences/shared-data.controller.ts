import { Controller, ForbiddenException, Get, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, hasScope, Principals, type SystemPrincipal } from '@onewindow/auth';
import { NotVisibleError } from '@onewindow/http';
import { IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { RegistrationRow } from '../registrations/entities/registration.entity';
import { LicenceNumberParamDto, SignedLicenceView } from './dto/licence.dto';
import { findSignedLicence } from './licences.controller';

class UsccParam {
  @ApiProperty({ description: '统一社会信用代码 (USCC)', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })
  @IsString() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码格式错误 (malformed USCC)' }) uscc!: string;
}

class EnterpriseBasicsView {
  @ApiProperty() uscc!: string;
  @ApiProperty() name!: string;
  @ApiProperty() enterpriseType!: string;
  @ApiProperty({ description: '法定代表人姓名 (legal representative\'s name)' }) legalRepresentative!: string;
  @ApiProperty() registeredCapitalFen!: number;
  @ApiProperty({ format: 'date' }) establishedOn!: string;
  @ApiProperty() domicile!: string;
  @ApiProperty() businessScope!: string;
  @ApiProperty() authority!: string;
  @ApiProperty({ nullable: true }) licenceNumber!: string | null;
  @ApiProperty({ enum: ['opening', 'open'], description: 'opening: licensed, department steps under way; open: every step done' }) status!: string;
}

function requireScope(p: SystemPrincipal, scope: string): void {
  if (!hasScope(p, scope)) throw new ForbiddenException({ message: `未获授权访问此类数据 (forbidden: the client lacks the scope "${scope}")`, details: { requiredScope: scope } });
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
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get('enterprises/:uscc')
  @ApiOperation({ summary: '企业基本信息 (enterprise basics by USCC; scope data:enterprise-basic)' })
  @ApiOkResponse({ type: EnterpriseBasicsView })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  async enterprise(@CurrentPrincipal() p: SystemPrincipal, @Param() { uscc }: UsccParam): Promise<EnterpriseBasicsView> {
    requireScope(p, 'data:enterprise-basic');
    const reg = await this.ds.getRepository(RegistrationRow).findOne({ where: { uscc } });
    if (!reg || !reg.licensedAt) throw new NotVisibleError('企业 (enterprise)', uscc);
    const [licence] = await this.ds.query(`select document->>'establishedOn' as "establishedOn" from licence where number = $1`, [reg.licenceNumber]);
    return {
      uscc, name: reg.enterpriseName, enterpriseType: reg.enterpriseType, legalRepresentative: reg.form.legalRepresentative.name,
      registeredCapitalFen: reg.form.registeredCapitalFen, establishedOn: licence?.establishedOn, domicile: reg.form.domicile.address, businessScope: reg.form.businessScope,
      authority: reg.authorityCode, licenceNumber: reg.licenceNumber, status: reg.state === 'COMPLETED' ? 'open' : 'opening',
    };
  }

  @Get('licences/:number')
  @ApiOperation({ summary: '电子营业执照 (the signed e-licence; scope data:e-licence)' })
  @ApiOkResponse({ type: SignedLicenceView })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  licence(@CurrentPrincipal() p: SystemPrincipal, @Param() { number }: LicenceNumberParamDto): Promise<SignedLicenceView> {
    requireScope(p, 'data:e-licence');
    return findSignedLicence(this.ds, number);
  }
}
