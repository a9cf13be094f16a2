import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { REGISTRATION_STATES } from '../entities/registration.entity';
import {
  DueChangeViewDto,
  dueHistoryProperty,
  provisionalProperty,
  provisionalReasonProperty,
} from '../../steps/dto/due-change.dto';
import { STEP_KINDS, STEP_STATES } from '../../steps/entities/registration-step.entity';

/* View DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

@ApiSchema({ name: 'StepView' })
export class StepViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STEP_KINDS }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: '部门代码 (department code)' }) department!: string;
  @ApiProperty() departmentName!: string;
  @ApiProperty({ enum: STEP_STATES }) state!: string;
  @ApiProperty({ enum: ['manual', 'auto'], nullable: true }) mode!: string | null;
  @ApiProperty({ description: '第几次办理（更正后加一） (attempt: +1 after each correction)' }) attempt!: number;
  @ApiProperty({ nullable: true, format: 'date-time' }) requestedAt!: string | null;
  @ApiProperty({ nullable: true, format: 'date', description: '办理时限 (due date)' }) dueOn!: string | null;
  @ApiProperty(provisionalProperty) provisional!: boolean;
  @ApiProperty(provisionalReasonProperty) provisionalReason!: string | null;
  @ApiProperty(dueHistoryProperty) dueHistory!: DueChangeViewDto[];
  @ApiProperty({ nullable: true, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ nullable: true }) completedBy!: string | null;
  @ApiProperty({ nullable: true, description: '退回或待审查的原因 (why rejected, or why under review)' }) reason!:
    string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) escalatedAt!: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "部门办理结果 (the department's result)",
  })
  result?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '本步骤所用数据 (the data this step uses)',
  })
  data?: Record<string, unknown> | null;
}

@ApiSchema({ name: 'AuthorityView' })
export class AuthorityViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() division!: string;
}

@ApiSchema({ name: 'LegalRepresentativeView' })
export class LegalRepresentativeViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ description: '非本人查看时脱敏 (masked for anyone but the owner)' }) residentId!: string;
  @ApiProperty({ description: '非本人查看时脱敏 (masked for anyone but the owner)' }) phone!: string;
}

@ApiSchema({ name: 'RegistrationView' })
export class RegistrationViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: REGISTRATION_STATES }) state!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() enterpriseType!: string;
  @ApiProperty({ type: AuthorityViewDto }) authority!: AuthorityViewDto;
  @ApiProperty() domicileDivision!: string;
  @ApiProperty({ nullable: true }) uscc!: string | null;
  @ApiProperty({ nullable: true }) licenceNumber!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ nullable: true, format: 'date-time' }) licensedAt!: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({ nullable: true }) closedReason!: string | null;
  @ApiProperty({ nullable: true, description: '提交至办结的工作日数 (working days from submission to completion)' })
  workingDaysTaken!: number | null;
  @ApiProperty({ nullable: true, description: '是否一个工作日内办结 (completed within one working day)' })
  withinOneWorkingDay!: boolean | null;
  @ApiPropertyOptional({ type: LegalRepresentativeViewDto }) legalRepresentative?: LegalRepresentativeViewDto;
  @ApiProperty({
    type: [StepViewDto],
    description:
      '各步骤：部门、状态、时间 (every step with department, state and time; a department system sees its own step only)',
  })
  steps!: StepViewDto[];
}

@ApiSchema({ name: 'FollowUpPermitView' })
export class FollowUpPermitViewDto {
  @ApiProperty({ example: 'XK-SCJG-001' }) itemCode!: string;
  @ApiProperty() itemName!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ type: [String] }) matchedKeywords!: string[];
  @ApiProperty({
    description: "事项办事指南（intake 目录） (the item's guide in intake's catalogue, through the gateway)",
  })
  catalogueUrl!: string;
}

@ApiSchema({ name: 'FollowUpPermitsView' })
export class FollowUpPermitsViewDto {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty() businessScope!: string;
  @ApiProperty({ type: [FollowUpPermitViewDto] }) permits!: FollowUpPermitViewDto[];
  @ApiProperty() note!: string;
}

@ApiSchema({ name: 'OneDayReportView' })
export class OneDayReportViewDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: '期间提交且已办结 (submitted in the period and completed)' }) completed!: number;
  @ApiProperty({ description: '其中一个工作日内办结 (of which within one working day)' })
  completedWithinOneWorkingDay!: number;
  @ApiProperty({
    nullable: true,
    description: '一个工作日办结率 (share within one working day, 0..1; null when none completed)',
  })
  share!: number | null;
  @ApiProperty({ description: '仍在办理 (still open)' }) open!: number;
  @ApiProperty({ description: '仍在办理且已超过一个工作日 (open and already past one working day)' })
  openBeyondOneWorkingDay!: number;
}
