import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';

/* Response DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

const CATEGORY = /^[\p{L}\p{N}._-]{1,32}$/u;
const CATEGORY_MESSAGE = 'category must be 1-32 letters (Chinese allowed), digits, dots, dashes or underscores';
const CENTRE = /^[A-Za-z0-9._:-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class IdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class CentreParamDto {
  @ApiProperty({ description: 'Org unit code of the service centre', example: 'TJ-CITY-CENTRE' })
  @IsString()
  @Matches(CENTRE, { message: 'centre must be an org unit code' })
  centre!: string;
}

export class OpenSlotsDto {
  @ApiProperty({ description: 'Item category: a department code or a theme', example: 'SCJG' })
  @IsString()
  @Matches(CATEGORY, { message: CATEGORY_MESSAGE })
  category!: string;

  @ApiProperty({ format: 'date', example: '2026-11-24' })
  @IsDateString({ strict: true })
  @Matches(DATE, { message: 'fromDate must be YYYY-MM-DD' })
  fromDate!: string;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  @IsDateString({ strict: true })
  @Matches(DATE, { message: 'toDate must be YYYY-MM-DD' })
  toDate!: string;

  @ApiProperty({ example: '09:00', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'dailyStart must be HH:mm' })
  dailyStart!: string;

  @ApiProperty({ example: '11:30', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'dailyEnd must be HH:mm' })
  dailyEnd!: string;

  @ApiProperty({ minimum: 5, maximum: 480, example: 30 })
  @IsInt()
  @Min(5)
  @Max(480)
  slotMinutes!: number;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 5 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity!: number;

  @ApiPropertyOptional({ default: true, description: 'Skip weekends and public holidays (official calendar)' })
  @IsOptional()
  @IsBoolean()
  workingDaysOnly?: boolean;
}

export class ListSlotsQueryDto {
  @ApiProperty({ example: 'TJ-CITY-CENTRE' })
  @IsString()
  @Matches(CENTRE, { message: 'centre must be an org unit code' })
  centre!: string;

  @ApiPropertyOptional({ example: 'SCJG' })
  @IsOptional()
  @IsString()
  @Matches(CATEGORY, { message: CATEGORY_MESSAGE })
  category?: string;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  @Matches(DATE, { message: 'fromDate must be YYYY-MM-DD' })
  fromDate!: string;

  @ApiProperty({ format: 'date', description: 'At most 31 days after fromDate' })
  @IsDateString({ strict: true })
  @Matches(DATE, { message: 'toDate must be YYYY-MM-DD' })
  toDate!: string;
}

export class BookDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  slotId!: string;
}

export class TicketDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Check in with an appointment (applicant or clerk of its centre)',
  })
  @IsOptional()
  @IsUUID()
  appointmentId?: string;

  @ApiPropertyOptional({
    description: 'Walk-in: the item category (clerks only; the centre is the clerk\u2019s)',
    example: 'SCJG',
  })
  @IsOptional()
  @IsString()
  @Matches(CATEGORY, { message: CATEGORY_MESSAGE })
  category?: string;
}

export class CallNextDto {
  @ApiProperty({ description: 'Window number shown on the board', example: '12' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,8}$/, { message: 'windowNo must be 1-8 letters, digits or dashes' })
  windowNo!: string;

  @ApiPropertyOptional({ type: [String], description: 'Only these categories (a window may serve a subset)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(CATEGORY, { each: true, message: CATEGORY_MESSAGE })
  categories?: string[];
}

@ApiSchema({ name: 'SlotView' })
export class SlotViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() centre!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() available!: number;
}

@ApiSchema({ name: 'OpenSlotsView' })
export class OpenSlotsViewDto {
  @ApiProperty() created!: number;
  @ApiProperty({ description: 'Slots that existed already (same centre, category and start)' }) skipped!: number;
}

@ApiSchema({ name: 'AppointmentView' })
export class AppointmentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['booked', 'cancelled', 'checked-in'] }) status!: string;
  @ApiProperty({ type: SlotViewDto }) slot!: SlotViewDto;
  @ApiProperty({ format: 'date-time' }) bookedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) cancelledAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) checkedInAt!: string | null;
}

@ApiSchema({ name: 'TicketView' })
export class TicketViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'A023' }) number!: string;
  @ApiProperty() centre!: string;
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['appointment', 'walk-in'] }) kind!: string;
  @ApiProperty({ enum: ['waiting', 'called', 'served'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) windowNo!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) calledAt!: string | null;
}

@ApiSchema({ name: 'CallNextView' })
export class CallNextViewDto {
  @ApiPropertyOptional({ type: TicketViewDto, nullable: true, description: 'null: nobody is waiting' })
  ticket!: TicketViewDto | null;
}

@ApiSchema({ name: 'BoardCall' })
class BoardCallViewDto {
  @ApiProperty({ example: 'A023' }) number!: string;
  @ApiProperty({ example: '12' }) windowNo!: string;
  @ApiProperty({ format: 'date-time' }) calledAt!: string;
}

@ApiSchema({ name: 'BoardWaiting' })
class BoardWaitingViewDto {
  @ApiProperty() category!: string;
  @ApiProperty({ example: 'A' }) letter!: string;
  @ApiProperty() count!: number;
}

@ApiSchema({ name: 'BoardView' })
export class BoardViewDto {
  @ApiProperty() centre!: string;
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ type: [BoardCallViewDto] }) called!: BoardCallViewDto[];
  @ApiProperty({ type: [BoardWaitingViewDto] }) waiting!: BoardWaitingViewDto[];
}
