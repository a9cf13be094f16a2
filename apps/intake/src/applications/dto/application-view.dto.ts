import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { APPLICATION_STATES, ApplicationState } from '../domain/application-state';

/* Response DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

@ApiSchema({ name: 'ItemRefView' })
export class ItemRefViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
}

@ApiSchema({ name: 'ApplicantView' })
export class ApplicantViewDto {
  @ApiProperty({ enum: ['citizen', 'enterprise'] }) type!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Masked for anyone but the owner and the deciding department (S6)',
  })
  idNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked likewise' }) phone!: string | null;
}

@ApiSchema({ name: 'ReceivingCentreView' })
export class ReceivingCentreViewDto {
  @ApiProperty({ enum: ['online', 'window'] }) channel!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) orgUnit!: string | null;
  @ApiProperty() division!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) level!: string | null;
}

@ApiSchema({ name: 'MaterialView' })
export class MaterialViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['primary', 'secondary'] }) requirement!: string;
  @ApiProperty({ enum: ['provided', 'missing', 'non-conforming', 'promised', 'absent-optional'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fileId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) eLicenceRef!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) problem!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Gap acceptance: the date a promised material is due',
  })
  dueOn!: string | null;
}

@ApiSchema({ name: 'ClockView' })
export class ClockViewDto {
  @ApiProperty({ description: 'ISO instant' }) receivedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) acceptedOn!: string | null;
  @ApiProperty({ description: 'Deemed accepted under 行政许可法第三十二条' }) deemedAccepted!: boolean;
  @ApiProperty() gapAccepted!: boolean;
  @ApiProperty() promisedLimitDays!: number;
  @ApiProperty() legalLimitDays!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Promised due date (承诺办结期限)' }) promisedDue!:
    string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Legal due date (法定办结期限), extensions included',
  })
  legalDue!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Working days left to the promised due date (negative: overdue); frozen while paused',
  })
  promisedRemainingWorkingDays!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Working days left to the legal due date' })
  remainingWorkingDays!: number | null;
  @ApiProperty({
    description:
      "暂定期限: the due dates (and promised materials' due dates) ran through a year whose holiday notice is not out; counted on its statutory holidays and recalculated when the notice is published",
  })
  provisional!: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why the due dates are provisional, in words shown to the applicant',
  })
  provisionalReason!: string | null;
  @ApiProperty({
    type: [Number],
    description: 'The years without an official notice the due dates were counted through',
  })
  provisionalYears!: number[];
  @ApiPropertyOptional({ nullable: true, type: String }) pausedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) pausedFor!: string | null;
  @ApiProperty() pausedWorkingDays!: number;
  @ApiProperty() extensionDays!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) extensionReason!: string | null;
}

@ApiSchema({ name: 'DeliveryView' })
export class DeliveryViewDto {
  @ApiPropertyOptional({ nullable: true, enum: ['window', 'post'] }) mode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) trackingNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deliveredAt!: string | null;
}

@ApiSchema({ name: 'ApplicationView' })
export class ApplicationViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '12000020261123IN000001' }) number!: string;
  @ApiProperty({ type: ItemRefViewDto }) item!: ItemRefViewDto;
  @ApiPropertyOptional({ nullable: true, type: String }) bundleCode!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Shared by the applications of one bundle submission',
  })
  bundleGroup!: string | null;
  @ApiProperty({ enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ enum: ['instant', 'promised'] }) mode!: string;
  @ApiProperty({ type: ApplicantViewDto }) applicant!: ApplicantViewDto;
  @ApiProperty({ type: ReceivingCentreViewDto }) receivedAt!: ReceivingCentreViewDto;
  @ApiProperty({ description: 'Deciding department (接办分离)' }) department!: string;
  @ApiProperty({ description: 'Deciding division (GB/T 2260)' }) division!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) formData!: Record<string, unknown>;
  @ApiProperty({ type: [MaterialViewDto] }) materials!: MaterialViewDto[];
  @ApiProperty({ type: ClockViewDto }) clock!: ClockViewDto;
  @ApiPropertyOptional({ nullable: true, enum: ['granted', 'refused'] }) outcome!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) concludedAt!: string | null;
  @ApiProperty({ type: DeliveryViewDto }) delivery!: DeliveryViewDto;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Withdrawal or rejection reason' }) closingReason!:
    string | null;
  @ApiProperty({ description: 'Optimistic-lock version' }) version!: number;
}

@ApiSchema({ name: 'StepActorView' })
export class StepActorViewDto {
  @ApiProperty() type!: string;
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) role!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) orgUnit!: string | null;
}

@ApiSchema({ name: 'StepView' })
export class StepViewDto {
  @ApiProperty() seq!: number;
  @ApiProperty() action!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty({ type: StepActorViewDto, description: 'who: type, id, name, role, department, org unit' })
  actor!: StepActorViewDto;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'The document issued at this step' }) document!: {
    id: string;
    kind: string | null;
    number: string | null;
  } | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) detail!: Record<
    string,
    unknown
  > | null;
  @ApiProperty() hash!: string;
}

@ApiSchema({ name: 'TimelineView' })
export class TimelineViewDto {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ type: [StepViewDto] }) steps!: StepViewDto[];
}

@ApiSchema({ name: 'ChainVerificationView' })
export class ChainVerificationViewDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty() steps!: number;
  @ApiPropertyOptional() brokenAtSeq?: number;
  @ApiPropertyOptional({ enum: ['hash-mismatch', 'link-mismatch', 'sequence-gap'] }) reason?: string;
}

@ApiSchema({ name: 'MaterialFindingView' })
export class MaterialFindingViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['primary', 'secondary'] }) requirement!: string;
  @ApiProperty({ enum: ['provided', 'missing', 'non-conforming', 'absent-optional'] }) status!: string;
  @ApiPropertyOptional() problem?: string;
}

@ApiSchema({ name: 'MaterialCheckView' })
export class MaterialCheckViewDto {
  @ApiProperty() complete!: boolean;
  @ApiProperty() primaryComplete!: boolean;
  @ApiProperty({ type: [MaterialFindingViewDto] }) missing!: MaterialFindingViewDto[];
  @ApiProperty({ type: [MaterialFindingViewDto] }) nonConforming!: MaterialFindingViewDto[];
  @ApiProperty({ type: [MaterialFindingViewDto] }) findings!: MaterialFindingViewDto[];
}

@ApiSchema({ name: 'UploadedFileView' })
export class UploadedFileViewDto {
  @ApiProperty() fileId!: string;
  @ApiProperty() materialCode!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
}

@ApiSchema({ name: 'BundleSubmissionView' })
export class BundleSubmissionViewDto {
  @ApiProperty({ example: 'YJS-001' }) bundleCode!: string;
  @ApiProperty({
    type: [ApplicationViewDto],
    description: 'One application per item of the bundle, each with its own number, department and clock (并行办理)',
  })
  applications!: ApplicationViewDto[];
}
