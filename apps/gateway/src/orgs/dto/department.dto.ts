import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { AdminLevel } from '@onewindow/auth';
import { DIVISION, DIVISION_MESSAGE, LEVELS } from './org-validation';

export class DepartmentQueryDto {
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: AdminLevel;

  @ApiPropertyOptional({ example: '120101', description: 'Only the departments of exactly this division.' })
  @IsOptional()
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  division?: string;

  @ApiPropertyOptional({
    example: '120000',
    description: 'Only the departments of this division and the divisions inside it.',
  })
  @IsOptional()
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  under?: string;

  @ApiPropertyOptional({ example: 'SCJG', description: 'Department code (the same at each level).' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_-]{0,31}$/, { message: 'code must be an upper-case department code' })
  code?: string;
}

export class DepartmentDto {
  @ApiProperty({ example: 'SCJG-120101', description: 'Org unit id, as carried in staff tokens (`org`).' }) id!: string;
  @ApiProperty({ example: 'SCJG' }) code!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: LEVELS }) level!: AdminLevel;
  @ApiProperty({ example: '120101' }) division!: string;
}
