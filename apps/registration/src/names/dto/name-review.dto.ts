import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

/* View DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

export class NameReviewIdParamDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class NameReviewQueryDto {
  @ApiPropertyOptional({ enum: ['OPEN', 'APPROVED', 'REJECTED', 'CANCELLED'], default: 'OPEN' })
  @IsOptional()
  @IsIn(['OPEN', 'APPROVED', 'REJECTED', 'CANCELLED'])
  state?: 'OPEN' | 'APPROVED' | 'REJECTED' | 'CANCELLED';
}

export class NameDecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  @ApiProperty({
    description: '理由（驳回时告知申请人） (reason; told to the founder on rejection)',
    minLength: 1,
    maxLength: 1000,
  })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: '理由不能为空 (reason is required)' })
  reason!: string;
}

@ApiSchema({ name: 'NameReviewView' })
export class NameReviewViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() division!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
  })
  reasons!: { code: string; message: string }[];
  @ApiProperty({ type: [String], description: '近似的已有名称 (similar names in use)' }) similarNames!: string[];
  @ApiProperty({ enum: ['OPEN', 'APPROVED', 'REJECTED', 'CANCELLED'] }) state!: string;
  @ApiProperty({ nullable: true }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true }) decisionReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}
