import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_STATES, ApplicationState } from '../domain/application-state';

export const MATERIAL_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const DIVISION = /^(\d{6}|\d{9}|\d{12})$/;

export class MaterialGivenDto {
  @ApiProperty({ example: 'M01', description: 'Material code of the item version' })
  @Matches(MATERIAL_CODE)
  code!: string;

  @ApiPropertyOptional({
    example: 'EL-YYZZ-91120101MA05T8K25N',
    description: 'An e-licence (电子证照) that replaces the material, where the item allows it',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  eLicenceRef?: string;

  @ApiPropertyOptional({ description: 'Window only: the clerk has seen the paper material' })
  @IsOptional()
  @IsBoolean()
  paper?: boolean;
}

export class SubmitApplicationDto {
  @ApiPropertyOptional({ example: 'XK-SCJG-001', description: 'The item applied for (or bundleCode)' })
  @IsOptional()
  @Matches(CODE)
  itemCode?: string;

  @ApiPropertyOptional({
    example: 'YJS-001',
    description: 'A bundle (一件事): one application per item, one form with the merged materials (or itemCode)',
  })
  @IsOptional()
  @Matches(CODE)
  bundleCode?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { shopName: '和平小吃店', address: '和平区南京路1号' },
    description: 'The item form (申请表)',
  })
  @IsObject()
  formData!: Record<string, unknown>;

  @ApiProperty({
    type: [MaterialGivenDto],
    description: 'Materials given now (files are uploaded afterwards to /applications/:id/materials/:code)',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialGivenDto)
  materials!: MaterialGivenDto[];

  @ApiPropertyOptional({
    example: '120101',
    description: 'Where a district/street item is to be decided, when not implied by the receiving centre',
  })
  @IsOptional()
  @Matches(DIVISION)
  division?: string;

  @ApiPropertyOptional({
    example: '120101199003071235',
    description: "The applicant's resident ID number (citizens; required for ID-card-only items)",
  })
  @IsOptional()
  @Matches(/^\d{17}[\dX]$/)
  applicantIdNumber?: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @Matches(/^1\d{10}$/)
  applicantPhone?: string;
}

export class WindowApplicantDto {
  @ApiProperty({ enum: ['citizen', 'enterprise'] })
  @IsIn(['citizen', 'enterprise'])
  type!: 'citizen' | 'enterprise';

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    example: '120101199003071235',
    description: 'Resident ID (citizen, GB 11643) or USCC (enterprise, GB 32100), checked',
  })
  @IsString()
  @Length(18, 18)
  idNumber!: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @Matches(/^1\d{10}$/)
  phone?: string;

  @ApiPropertyOptional({
    example: 'u-123',
    description: "The citizen's platform user id, so they can follow the application online",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:@-]{1,128}$/)
  userId?: string;
}

export class WindowSubmitApplicationDto extends SubmitApplicationDto {
  @ApiProperty({ type: WindowApplicantDto })
  @ValidateNested()
  @Type(() => WindowApplicantDto)
  applicant!: WindowApplicantDto;
}

export class ApplicationListQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATES })
  @IsOptional()
  @IsIn(APPLICATION_STATES as unknown as string[])
  state?: ApplicationState;
}

export class ReasonDto {
  @ApiProperty({ example: '不再需要 (no longer needed)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class RejectDto extends ReasonDto {
  @ApiPropertyOptional({
    example: '请向区市场监管局申请 (apply to the district office instead)',
    description: 'Where to go instead (不予受理 must say)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  redirectTo?: string;
}

export class NonConformingDto {
  @ApiProperty({ example: 'M02' })
  @Matches(MATERIAL_CODE)
  code!: string;

  @ApiProperty({ example: '复印件不清晰 (copy unreadable)' })
  @IsString()
  @Length(1, 500)
  problem!: string;
}

export class CorrectionNoticeDto {
  @ApiPropertyOptional({
    type: [NonConformingDto],
    description: 'What the clerk found wrong on inspection, besides what the system finds missing',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NonConformingDto)
  nonConforming?: NonConformingDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CorrectionDto {
  @ApiProperty({
    type: [MaterialGivenDto],
    description: 'Materials handed in now (uploaded files are already recorded)',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialGivenDto)
  materials!: MaterialGivenDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CommitmentDto {
  @ApiProperty({ example: '张三', description: 'Who signed the credit commitment (信用承诺书)' })
  @IsString()
  @Length(1, 100)
  signedBy!: string;

  @ApiPropertyOptional({
    description: 'The signed commitment as a file uploaded to material code COMMITMENT, or seen on paper',
  })
  @IsOptional()
  @IsBoolean()
  paper?: boolean;
}

export class GapAcceptDto {
  @ApiProperty({ type: CommitmentDto })
  @ValidateNested()
  @Type(() => CommitmentDto)
  commitment!: CommitmentDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class NoteDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['granted', 'refused'] })
  @IsIn(['granted', 'refused'])
  outcome!: 'granted' | 'refused';

  @ApiProperty({ example: '符合法定条件 (meets the statutory conditions)' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;

  @ApiProperty({ type: [String], example: ['《中华人民共和国食品安全法》第三十五条'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  legalBasis!: string[];
}

export class DeliverDto {
  @ApiProperty({ enum: ['window', 'post'] })
  @IsIn(['window', 'post'])
  mode!: 'window' | 'post';

  @ApiPropertyOptional({ example: 'EMS1234567890CN', description: 'Required for post (EMS)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{6,64}$/)
  trackingNumber?: string;
}

export class MaterialParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ example: 'M01' })
  @Matches(MATERIAL_CODE)
  code!: string;
}
