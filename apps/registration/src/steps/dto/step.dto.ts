import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { DEPARTMENT_STEP_DEPARTMENTS } from '../../config/registration-config';
import { STEP_KINDS, STEP_STATES } from '../entities/registration-step.entity';
import { DueChangeViewDto, dueHistoryProperty, provisionalProperty, provisionalReasonProperty } from './due-change.dto';

/* View DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

const QUEUE_STATES = [
  'QUEUED',
  'CLAIMED',
  'REQUESTED',
  'DONE',
  'REJECTED',
  'CORRECTION_REQUESTED',
  'CANCELLED',
] as const;

export class StepIdParamDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class StaffStepQueryDto {
  @ApiProperty({ enum: DEPARTMENT_STEP_DEPARTMENTS, description: '本人所在部门 (your own department)' })
  @IsIn(DEPARTMENT_STEP_DEPARTMENTS)
  department!: string;
  @ApiPropertyOptional({
    enum: QUEUE_STATES,
    description: '默认待办：QUEUED 与 CLAIMED (default: the open queue, QUEUED and CLAIMED)',
  })
  @IsOptional()
  @IsIn(QUEUE_STATES)
  state?: string;
}

export class SystemStepQueryDto {
  @ApiPropertyOptional({ enum: QUEUE_STATES, description: '默认待办：QUEUED 与 CLAIMED (default: the open queue)' })
  @IsOptional()
  @IsIn(QUEUE_STATES)
  state?: string;
}

export class CompleteStepDto {
  @ApiPropertyOptional({
    description: "部门业务编号（如备案号） (the department's own reference, e.g. a filing number)",
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  reference?: string;
  @ApiPropertyOptional({ description: '办理说明 (note)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class RejectStepDto {
  @ApiProperty({
    description: '退回原因：告知申请人需更正什么 (what the founder must correct)',
    minLength: 1,
    maxLength: 1000,
  })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: '原因不能为空 (reason is required)' })
  reason!: string;
}

export class StepResultDto {
  @ApiProperty({ enum: ['completed', 'rejected'] }) @IsIn(['completed', 'rejected']) outcome!: 'completed' | 'rejected';
  @ApiPropertyOptional({ description: '部门业务编号 (reference)', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  reference?: string;
  @ApiPropertyOptional({ description: '办理说明 (note)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
  @ApiPropertyOptional({
    description: '退回原因（outcome=rejected 时必填） (reason, required when rejected)',
    maxLength: 1000,
  })
  @ValidateIf((o: StepResultDto) => o.outcome === 'rejected' || o.reason !== undefined)
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: '原因不能为空 (reason is required)' })
  reason?: string;
}

@ApiSchema({ name: 'QueuedStepView' })
export class QueuedStepViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ nullable: true }) uscc!: string | null;
  @ApiProperty({ enum: STEP_KINDS }) kind!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ enum: STEP_STATES }) state!: string;
  @ApiProperty({ enum: ['manual', 'auto'], nullable: true }) mode!: string | null;
  @ApiProperty() attempt!: number;
  @ApiProperty({ nullable: true, format: 'date-time' }) requestedAt!: string | null;
  @ApiProperty({ nullable: true, format: 'date' }) dueOn!: string | null;
  @ApiProperty(provisionalProperty) provisional!: boolean;
  @ApiProperty(provisionalReasonProperty) provisionalReason!: string | null;
  @ApiProperty(dueHistoryProperty) dueHistory!: DueChangeViewDto[];
  @ApiProperty({ nullable: true }) claimedBy!: string | null;
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) escalatedAt!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "本步骤所需数据：本部门的表单部分与企业基本信息 (this department's section of the form and the enterprise basics)",
  })
  data!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) result!: Record<string, unknown> | null;
}
