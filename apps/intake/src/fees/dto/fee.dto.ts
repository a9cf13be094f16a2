import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  IsDateString,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

/* Response DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

export class NoticeIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class WaiverIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class CreateFeeNoticeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId!: string;

  @ApiProperty({ example: '12010120261123IN000042', maxLength: 40 })
  @IsString()
  @Matches(/^[A-Z0-9-]{6,40}$/, { message: 'applicationNumber must be 6-40 upper-case letters, digits or dashes' })
  applicationNumber!: string;

  @ApiProperty({
    description: 'The applicant: ownerSubjectOf(principal), citizen:<sub> or enterprise:<uscc>',
    example: 'citizen:u-zhang',
  })
  @IsString()
  @Matches(/^(citizen:[A-Za-z0-9._:@-]{1,128}|enterprise:[0-9A-HJ-NPQRTUWXY]{18})$/, {
    message: 'applicantSubject must be citizen:<sub> or enterprise:<uscc>',
  })
  applicantSubject!: string;

  @ApiPropertyOptional({ example: '张三丰', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  applicantName?: string;

  @ApiProperty({ example: 'TJ-BDC-001', maxLength: 64 })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'itemCode must be 1-64 letters, digits, dots, dashes or underscores' })
  itemCode!: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100000)
  itemVersion!: number;

  @ApiProperty({
    description: 'Issuing centre, printed on the notice',
    example: '天津市行政许可服务中心',
    maxLength: 100,
  })
  @IsString()
  @Length(1, 100)
  issuer!: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-07', description: 'Last day to pay' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'payBy must be YYYY-MM-DD' })
  payBy?: string;
}

export class ListNoticesQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId!: string;
}

export class PaymentConfirmationDto {
  @ApiProperty({ example: 'JF2026112300000042' })
  @IsString()
  @Matches(/^JF\d{16}$/, { message: 'noticeNumber must look like JF2026112300000042' })
  noticeNumber!: string;

  @ApiProperty({ description: 'Amount paid, in fen (分)', minimum: 1, maximum: 1e12, example: 8000 })
  @IsInt()
  @Min(1)
  @Max(1e12)
  amountFen!: number;

  @ApiProperty({
    description: "The bank's transaction id: the idempotency key",
    example: 'ICBC-20261123-000981',
    maxLength: 64,
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{4,64}$/, {
    message: 'bankTxnId must be 4-64 letters, digits, dots, colons, dashes or underscores',
  })
  bankTxnId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T10:15:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'paidAt must be an ISO 8601 date-time with a zone',
  })
  paidAt!: string;
}

export class WaiverRequestDto {
  @ApiProperty({ example: '申请人为最低生活保障对象，依法免收', minLength: 2, maxLength: 500 })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class WaiverDecisionDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

@ApiSchema({ name: 'FeeLineView' })
export class FeeLineViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'fen' }) amountFen!: number;
  @ApiProperty() legalBasis!: string;
}

@ApiSchema({ name: 'FeeNoticeView' })
export class FeeNoticeViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'JF2026112300000042' }) number!: string;
  @ApiProperty({ example: '20261123000000000428', description: '缴款码: 20 digits, Luhn check digit' })
  paymentReference!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() applicationNumber!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty() itemVersion!: number;
  @ApiProperty({ type: [FeeLineViewDto] }) lines!: FeeLineViewDto[];
  @ApiProperty({ description: 'fen' }) totalFen!: number;
  @ApiProperty({ enum: ['issued', 'paid', 'waived'] }) status!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) payBy!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) paidAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) waivedAt!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The 缴费通知书 document (GET /documents/:id/pdf)' }) documentId!: string;
}

@ApiSchema({ name: 'ConfirmationView' })
export class ConfirmationViewDto {
  @ApiProperty({ enum: ['recorded', 'already-recorded'] }) outcome!: string;
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ type: FeeNoticeViewDto }) notice!: FeeNoticeViewDto;
}

@ApiSchema({ name: 'WaiverRequestView' })
export class WaiverRequestViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) noticeId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionNote!: string | null;
}
