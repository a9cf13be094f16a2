import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATES, ApplicationState } from '../domain/application-state';

export class ItemRefView {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
}

export class ApplicantView {
  @ApiProperty({ enum: ['citizen', 'enterprise'] }) type!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked for anyone but the owner and the deciding department (S6)' }) idNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked likewise' }) phone!: string | null;
}

export class ReceivingCentreView {
  @ApiProperty({ enum: ['online', 'window'] }) channel!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) orgUnit!: string | null;
  @ApiProperty() division!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) level!: string | null;
}

export class MaterialView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['primary', 'secondary'] }) requirement!: string;
  @ApiProperty({ enum: ['provided', 'missing', 'non-conforming', 'promised', 'absent-optional'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fileId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) eLicenceRef!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) problem!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Gap acceptance: the date a promised material is due' }) dueOn!: string | null;
}

export class ClockView {
  @ApiProperty({ description: 'ISO instant' }) receivedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) acceptedOn!: string | null;
  @ApiProperty({ description: 'Deemed accepted under 行政许可法第三十二条' }) deemedAccepted!: boolean;
  @ApiProperty() gapAccepted!: boolean;
  @ApiProperty() promisedLimitDays!: number;
  @ApiProperty() legalLimitDays!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Promised due date (承诺办结期限)' }) promisedDue!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Legal due date (法定办结期限), extensions included' }) legalDue!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Working days left to the promised due date (negative: overdue); frozen while paused' }) promisedRemainingWorkingDays!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Working days left to the legal due date' }) remainingWorkingDays!: number | null;
  @ApiProperty({ description: '暂定期限: the due dates (and promised materials\' due dates) ran through a year whose holiday notice is not out; counted on its statutory holidays and recalculated when the notice is published' })
  provisional!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the due dates are provisional, in words shown to the applicant' }) provisionalReason!: string | null;
  @ApiProperty({ type: [Number], description: 'The years without an official notice the due dates were counted through' }) provisionalYears!: number[];
  @ApiPropertyOptional({ nullable: true, type: String }) pausedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) pausedFor!: string | null;
  @ApiProperty() pausedWorkingDays!: number;
  @ApiProperty() extensionDays!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) extensionReason!: string | null;
}

export class DeliveryView {
  @ApiPropertyOptional({ nullable: true, enum: ['window', 'post'] }) mode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) trackingNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deliveredAt!: string | null;
}

export class ApplicationView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '12000020261123IN000001' }) number!: string;
  @ApiProperty({ type: ItemRefView }) item!: ItemRefView;
  @ApiPropertyOptional({ nullable: true, type: String }) bundleCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Shared by the applications of one bundle submission' }) bundleGroup!: string | null;
  @ApiProperty({ enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ enum: ['instant', 'promised'] }) mode!: string;
  @ApiProperty({ type: ApplicantView }) applicant!: ApplicantView;
  @ApiProperty({ type: ReceivingCentreView }) receivedAt!: ReceivingCentreView;
  @ApiProperty({ description: 'Deciding department (接办分离)' }) department!: string;
  @ApiProperty({ description: 'Deciding division (GB/T 2260)' }) division!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) formData!: Record<string, unknown>;
  @ApiProperty({ type: [MaterialView] }) materials!: MaterialView[];
  @ApiProperty({ type: ClockView }) clock!: ClockView;
  @ApiPropertyOptional({ nullable: true, enum: ['granted', 'refused'] }) outcome!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) concludedAt!: string | null;
  @ApiProperty({ type: DeliveryView }) delivery!: DeliveryView;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Withdrawal or rejection reason' }) closingReason!: string | null;
  @ApiProperty({ description: 'Optimistic-lock version' }) version!: number;
}

export class StepActorView {
  @ApiProperty() type!: string;
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) role!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) orgUnit!: string | null;
}

export class StepView {
  @ApiProperty() seq!: number;
  @ApiProperty() action!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty({ type: StepActorView, description: 'who: type, id, name, role, department, org unit' }) actor!: StepActorView;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'The document issued at this step' }) document!: { id: string; kind: string | null; number: string | null } | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) detail!: Record<string, unknown> | null;
  @ApiProperty() hash!: string;
}


export class TimelineView {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ type: [StepView] }) steps!: StepView[];
}

export class ChainVerificationView {
  @ApiProperty() valid!: boolean;
  @ApiProperty() steps!: number;
  @ApiPropertyOptional() brokenAtSeq?: number;
  @ApiPropertyOptional({ enum: ['hash-mismatch', 'link-mismatch', 'sequence-gap'] }) reason?: string;
}

export class MaterialFindingView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['primary', 'secondary'] }) requirement!: string;
  @ApiProperty({ enum: ['provided', 'missing', 'non-conforming', 'absent-optional'] }) status!: string;
  @ApiPropertyOptional() problem?: string;
}

export class MaterialCheckView {
  @ApiProperty() complete!: boolean;
  @ApiProperty() primaryComplete!: boolean;
  @ApiProperty({ type: [MaterialFindingView] }) missing!: MaterialFindingView[];
  @ApiProperty({ type: [MaterialFindingView] }) nonConforming!: MaterialFindingView[];
  @ApiProperty({ type: [MaterialFindingView] }) findings!: MaterialFindingView[];
}

export class UploadedFileView {
  @ApiProperty() fileId!: string;
  @ApiProperty() materialCode!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
}

export class BundleSubmissionView {
  @ApiProperty({ example: 'YJS-001' }) bundleCode!: string;
  @ApiProperty({ type: [ApplicationView], description: 'One application per item of the bundle, each with its own number, department and clock (并行办理)' }) applications!: ApplicationView[];
}
