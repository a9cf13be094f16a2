import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { AdminLevel } from '@onewindow/auth';
import { DIVISION, DIVISION_MESSAGE, LEVELS } from './org-validation';

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

export class ServiceCentreDto {
  @ApiProperty({ example: 'SC-120101' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: LEVELS }) level!: AdminLevel;
  @ApiProperty() division!: string;
}
