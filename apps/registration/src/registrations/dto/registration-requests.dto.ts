import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import {
  SealDataDto,
  SocialInsuranceDataDto,
  StatisticsDataDto,
  TaxDataDto,
} from '../../form/dto/registration-form.dto';

export class RegistrationIdParamDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class StepParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() stepId!: string;
}

export class ReasonDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: '股东变更，暂不设立 (shareholders changed)' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: '原因不能为空 (reason is required)' })
  reason!: string;
}

/** A correction carries the section of the rejected step only; the other steps are not touched. */
export class StepCorrectionDto {
  @ApiPropertyOptional({ type: () => SealDataDto, description: '公章刻制备案数据（公安退回时） (for the seal step)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SealDataDto)
  seal?: SealDataDto;
  @ApiPropertyOptional({ type: () => TaxDataDto, description: '税务数据（税务退回时） (for the tax step)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaxDataDto)
  tax?: TaxDataDto;
  @ApiPropertyOptional({
    type: () => SocialInsuranceDataDto,
    description: '社保数据（人社退回时） (for the social-insurance step)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SocialInsuranceDataDto)
  socialInsurance?: SocialInsuranceDataDto;
  @ApiPropertyOptional({
    type: () => StatisticsDataDto,
    description: '统计数据（统计退回时） (for the statistics step)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatisticsDataDto)
  statistics?: StatisticsDataDto;
}

export class OneDayReportQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: '提交日期起（含），默认 30 天前 (submitted from, default 30 days ago)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: '提交日期止（含），默认今天 (submitted until, default today)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  to?: string;
}
