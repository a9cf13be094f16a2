import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { AdminLevel } from '@onewindow/auth';

const DIVISION = /^(\d{6}|\d{9}|\d{12})$/;
const DIVISION_MESSAGE = '应为 6、9 或 12 位 GB/T 2260 行政区划代码 (must be a 6, 9 or 12 digit GB/T 2260 division code)';
const LEVELS: AdminLevel[] = ['city', 'district', 'street', 'community'];

export class DivisionParamDto {
  @ApiProperty({ example: '120101', description: 'GB/T 2260 code: 6 digits city/district, 9 street/township, 12 community.' })
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  code!: string;
}

export class DepartmentQueryDto {
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: AdminLevel;

  @ApiPropertyOptional({ example: '120101', description: 'Only the departments of exactly this division.' })
  @IsOptional()
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  division?: string;

  @ApiPropertyOptional({ example: '120000', description: 'Only the departments of this division and the divisions inside it.' })
  @IsOptional()
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  under?: string;

  @ApiPropertyOptional({ example: 'SCJG', description: 'Department code (the same at each level).' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_-]{0,31}$/, { message: 'code must be an upper-case department code' })
  code?: string;
}

export class ServiceCentreQueryDto {
  @ApiPropertyOptional({ example: '120101', description: 'Only the centre of exactly this division.' })
  @IsOptional()
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  division?: string;

  @ApiPropertyOptional({ example: '120101', description: 'The centres of this division and the divisions inside it.' })
  @IsOptional()
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  under?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: AdminLevel;
}

export class DivisionDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: LEVELS }) level!: AdminLevel;
  @ApiPropertyOptional({ nullable: true, type: String }) parentCode!: string | null;
}

export class DivisionNodeDto extends DivisionDto {
  @ApiProperty({ type: () => [DivisionNodeDto] }) children!: DivisionNodeDto[];
}

export class DepartmentDto {
  @ApiProperty({ example: 'SCJG-120101', description: 'Org unit id, as carried in staff tokens (`org`).' }) id!: string;
  @ApiProperty({ example: 'SCJG' }) code!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: LEVELS }) level!: AdminLevel;
  @ApiProperty({ example: '120101' }) division!: string;
}

export class ServiceCentreDto {
  @ApiProperty({ example: 'SC-120101' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: LEVELS }) level!: AdminLevel;
  @ApiProperty() division!: string;
}

export class DivisionDetailDto extends DivisionDto {
  @ApiProperty({ type: [DivisionDto], description: 'From the city down to this division\u2019s parent.' }) ancestors!: DivisionDto[];
  @ApiProperty({ type: [DivisionDto] }) children!: DivisionDto[];
  @ApiProperty({ type: [DepartmentDto] }) departments!: DepartmentDto[];
  @ApiPropertyOptional({ type: ServiceCentreDto, nullable: true, description: 'The centre serving this division (its own or the nearest above).' }) serviceCentre!: ServiceCentreDto | null;
}
