import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { DecisionDto } from '../../applications/dto/application.dto';
import { ClockViewDto, ItemRefViewDto } from '../../applications/dto/application-view.dto';
import { TASK_STATES, TaskState } from '../entities/task.entity';

/* Response DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

export const PROCEDURES = [
  'hearing',
  'site-inspection',
  'expert-review',
  'inspection',
  'testing',
  'public-notice',
] as const;

export class TaskQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATES })
  @IsOptional()
  @IsIn(TASK_STATES)
  state?: TaskState;
}

export class ReviewDto {
  @ApiProperty({ enum: ['granted', 'refused'], description: "The reviewer's recommendation (一审)" })
  @IsIn(['granted', 'refused'])
  recommendation!: 'granted' | 'refused';

  @ApiProperty({ example: '材料齐全，符合条件，建议准予 (complete; recommend granting)' })
  @IsString()
  @Length(1, 4000)
  opinion!: string;
}

export class PauseDto {
  @ApiProperty({
    enum: PROCEDURES,
    description: "The special procedure whose time is excluded (行政许可法第四十五条); must be one of the item's",
  })
  @IsIn(PROCEDURES as unknown as string[])
  procedure!: (typeof PROCEDURES)[number];

  @ApiPropertyOptional({ example: '现场踏勘 (site survey on 11-25)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ResumeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ExtendDto {
  @ApiProperty({
    minimum: 1,
    maximum: 10,
    description: 'Working days added to the legal due date (at most 10 in total)',
  })
  @IsInt()
  @Min(1)
  @Max(10)
  days!: number;

  @ApiProperty({ example: '需补充专家论证 (expert opinion needed)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class DepartmentDecisionDto extends DecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  taskId!: string;
}

@ApiSchema({ name: 'TaskView' })
export class TaskViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty() applicationNumber!: string;
  @ApiProperty({ type: ItemRefViewDto }) item!: ItemRefViewDto;
  @ApiProperty() department!: string;
  @ApiProperty() division!: string;
  @ApiProperty({ enum: TASK_STATES }) state!: TaskState;
  @ApiProperty() applicationState!: string;
  @ApiProperty({ description: '一审一核: review then approval' }) twoStepReview!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) assignee!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) claimedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reviewedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reviewOpinion!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['granted', 'refused'] }) recommendation!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['granted', 'refused'] }) outcome!: string | null;
  @ApiProperty({ type: ClockViewDto, description: 'Both due dates and the working days left' }) clock!: ClockViewDto;
  @ApiProperty() createdAt!: string;
  @ApiProperty() version!: number;
}
