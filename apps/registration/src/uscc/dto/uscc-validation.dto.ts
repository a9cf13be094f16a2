import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/* View DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

export class UsccParamDto {
  @ApiProperty({
    description: '待校验的统一社会信用代码 (the code to check, any text up to 64 characters)',
    example: '91120101MA05T8K25N',
    minLength: 1,
    maxLength: 64,
  })
  @IsString()
  @Length(1, 64)
  code!: string;
}

@ApiSchema({ name: 'UsccReasonView' })
export class UsccReasonViewDto {
  @ApiProperty({ enum: ['length', 'charset', 'division', 'org-code-check', 'check-char'] }) code!: string;
  @ApiProperty({ description: '中文与英文说明 (Chinese with English)' }) message!: string;
}

@ApiSchema({ name: 'UsccPartsView' })
export class UsccPartsViewDto {
  @ApiProperty({ description: '登记管理部门码 (registration authority code)' }) authority!: string;
  @ApiProperty({ description: '机构类别码 (entity type)' }) entityType!: string;
  @ApiProperty({ description: '登记管理机关行政区划码 (division)' }) division!: string;
  @ApiPropertyOptional({ description: '行政区划名称 (division name, where known)' }) divisionName?: string;
  @ApiProperty({ description: '组织机构代码 (GB 11714 organisation code with its check character)' }) orgCode!: string;
  @ApiProperty({ description: '校验码 (check character)' }) checkChar!: string;
}

@ApiSchema({ name: 'UsccValidationView' })
export class UsccValidationViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [UsccReasonViewDto], description: '每一处错误 (every problem found)' })
  reasons!: UsccReasonViewDto[];
  @ApiPropertyOptional({ type: UsccPartsViewDto }) parts?: UsccPartsViewDto;
}
