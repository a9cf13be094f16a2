import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { AdminLevel } from '@onewindow/auth';
import { DepartmentDto } from './department.dto';
import { DIVISION, DIVISION_MESSAGE, LEVELS } from './org-validation';
import { ServiceCentreDto } from './service-centre.dto';

export class DivisionParamDto {
  @ApiProperty({
    example: '120101',
    description: 'GB/T 2260 code: 6 digits city/district, 9 street/township, 12 community.',
  })
  @Matches(DIVISION, { message: DIVISION_MESSAGE })
  code!: string;
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

export class DivisionDetailDto extends DivisionDto {
  @ApiProperty({ type: [DivisionDto], description: 'From the city down to this division\u2019s parent.' })
  ancestors!: DivisionDto[];
  @ApiProperty({ type: [DivisionDto] }) children!: DivisionDto[];
  @ApiProperty({ type: [DepartmentDto] }) departments!: DepartmentDto[];
  @ApiPropertyOptional({
    type: ServiceCentreDto,
    nullable: true,
    description: 'The centre serving this division (its own or the nearest above).',
  })
  serviceCentre!: ServiceCentreDto | null;
}
