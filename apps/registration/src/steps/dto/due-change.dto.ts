import { ApiProperty, type ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';

/* View DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

/** One recount of a step's due date after a holiday notice was published (see step-due.ts DueChange). */
@ApiSchema({ name: 'DueChangeView' })
export class DueChangeViewDto {
  @ApiProperty({ format: 'date', description: '原办理时限 (the due date before the recount)' }) previousDueOn!: string;
  @ApiProperty({ format: 'date', description: '重新核定的办理时限 (the recounted due date)' }) dueOn!: string;
  @ApiProperty({ format: 'date-time', description: '核定时间 (when it was recounted)' }) at!: string;
  @ApiProperty({ type: [Number], description: '已发布节假日安排通知的年份 (the years whose notice was published)' })
  officialYears!: number[];
  @ApiProperty({ description: '核定说明 (why)' }) reason!: string;
  @ApiProperty({ description: '所属办理次数 (the attempt the date belonged to)' }) attempt!: number;
}

/** The fields every step view shows beside its due date (issue 12). */
export const provisionalProperty: ApiPropertyOptions = {
  type: Boolean,
  description:
    '办理时限是否为暂定：跨越尚未发布节假日安排通知的年份，通知发布后重新核定 (true: counted through a year without an official holiday notice; recounted when it is published)',
};
export const provisionalReasonProperty: ApiPropertyOptions = {
  type: String,
  nullable: true,
  description: '暂定原因 (why the due date is provisional; null when it is final)',
};
export const dueHistoryProperty: ApiPropertyOptions = {
  type: [DueChangeViewDto],
  description: '办理时限的重新核定记录 (every recount of the due date, oldest first)',
};
