import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/* Response DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarYearParamDto {
  @ApiProperty({ example: 2027, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class HolidayRangeDto {
  @ApiProperty({ example: '元旦' }) @IsString() @MinLength(1) @MaxLength(64) name!: string;
  @ApiProperty({ example: '2027-01-01' })
  @Matches(ISO_DATE, { message: '日期格式应为 YYYY-MM-DD (date as YYYY-MM-DD)' })
  from!: string;
  @ApiProperty({ example: '2027-01-03' })
  @Matches(ISO_DATE, { message: '日期格式应为 YYYY-MM-DD (date as YYYY-MM-DD)' })
  to!: string;
}

/** One year of the State Council notice, in the shape of holidays-cn.json's `years` entries. */
export class PublishCalendarYearDto {
  @ApiProperty({
    example: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕x号）',
    description: 'The notice cited',
  })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  source!: string;

  @ApiProperty({ type: [HolidayRangeDto], description: 'Days off, weekends inside a holiday included' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => HolidayRangeDto)
  off!: HolidayRangeDto[];

  @ApiProperty({
    type: [String],
    example: ['2027-02-20'],
    description: 'Saturdays and Sundays that are working days (调休上班)',
  })
  @IsArray()
  @ArrayMaxSize(40)
  @Matches(ISO_DATE, { each: true, message: '日期格式应为 YYYY-MM-DD (date as YYYY-MM-DD)' })
  work!: string[];
}

export class CalendarYearViewDto {
  @ApiProperty() year!: number;
  @ApiProperty({
    enum: ['file', 'published'],
    description: "'file': the reviewed holidays-cn.json; 'published': added by an administrator",
  })
  origin!: 'file' | 'published';
  @ApiProperty() source!: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
}

export class CalendarViewDto {
  @ApiProperty({ type: [CalendarYearViewDto], description: 'Years counted on an official notice' })
  official!: CalendarYearViewDto[];
  @ApiProperty({
    type: [Number],
    description: 'This year and next if without a notice: due dates through them are provisional',
  })
  provisional!: number[];
  @ApiProperty({ description: 'How a year without a notice is counted' }) provisionalRule!: string;
}

@ApiSchema({ name: 'PublishedCalendarYearDto' })
export class PublishedCalendarYearViewDto {
  @ApiProperty() year!: number;
  @ApiProperty() source!: string;
  @ApiProperty() publishedBy!: string;
  @ApiProperty() publishedAt!: string;
}
