import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { AdminLevel, FeeItem, ItemKind, MaterialRequirement, SpecialProcedure } from '../catalogue.types';

/*
 * The input shape of a service guide (C1). Validation here is about shape and sane bounds; the
 * business rules (promised ≤ legal, fees with a basis, primary never waivable…) are publication
 * rules, checked when a version is published (rules/publication-rules.ts), so a draft can be saved
 * half-done and the editor gets every rule broken at once when publishing.
 */

export const ITEM_KINDS: ItemKind[] = ['licence', 'public-service', 'other'];
export const ADMIN_LEVELS: AdminLevel[] = ['city', 'district', 'street', 'community'];
export const SPECIAL_PROCEDURES: SpecialProcedure[] = [
  'hearing',
  'site-inspection',
  'expert-review',
  'inspection',
  'testing',
  'public-notice',
];
export const MATERIAL_FORMS: MaterialRequirement['form'][] = ['original', 'copy', 'electronic'];
export const DELIVERY_MODES: ('window' | 'post')[] = ['window', 'post'];

export const ITEM_CODE = /^[A-Z0-9]{1,10}(-[A-Z0-9]{1,10}){0,3}$/;
export const ITEM_CODE_MESSAGE = '事项编码应为大写字母、数字和连字符，如 XK-SCJG-001 (item code like XK-SCJG-001)';
export const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_-]{0,31}$/;
export const DEPARTMENT_CODE_MESSAGE = '部门编码应为大写字母，如 SCJG (department code like SCJG)';
const NOT_BLANK = /\S/;
const NOT_BLANK_MESSAGE = '不能为空白 (must not be blank)';
const MIME = /^[a-z]+\/[a-z0-9.+-]+$/;

export class MaterialRequirementDto implements MaterialRequirement {
  @ApiProperty({ example: 'M01', description: "Stable within the item: 'M01', 'M02', ..." })
  @Matches(/^[A-Z][A-Z0-9]{1,9}$/, { message: '材料编码如 M01 (material code like M01)' })
  code!: string;

  @ApiProperty({ example: '食品经营许可申请书', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: NOT_BLANK_MESSAGE })
  name!: string;

  @ApiPropertyOptional({ example: '申请人自备', maxLength: 100, description: 'Where the applicant gets it.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string;

  @ApiProperty({ enum: MATERIAL_FORMS })
  @IsIn(MATERIAL_FORMS)
  form!: MaterialRequirement['form'];

  @ApiProperty({ minimum: 1, maximum: 20, example: 1 })
  @IsInt()
  @Min(1)
  @Max(20)
  copies!: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['application/pdf', 'image/jpeg'],
    description: 'Accepted upload types (MIME).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(MIME, { each: true, message: '文件类型应为 MIME 类型，如 application/pdf (MIME type like application/pdf)' })
  fileTypes?: string[];

  @ApiProperty({
    enum: ['primary', 'secondary'],
    description: 'primary 主审要件 / secondary 非主审要件 (may follow later under gap acceptance).',
  })
  @IsIn(['primary', 'secondary'])
  requirement!: 'primary' | 'secondary';

  @ApiPropertyOptional({
    example: 'forms/XK-SCJG-001-M01.pdf',
    maxLength: 200,
    description: 'Reference to the sample form (示范文本).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sampleForm?: string;

  @ApiPropertyOptional({ description: 'An e-licence (电子证照) may replace the paper material.' })
  @IsOptional()
  @IsBoolean()
  eLicence?: boolean;

  @ApiPropertyOptional({
    description: 'Needed only in some cases (如涉及). Never allowed on primary materials (publication rule).',
  })
  @IsOptional()
  @IsBoolean()
  optional?: boolean;
}

export class FeeItemDto implements FeeItem {
  @ApiProperty({ example: '不动产登记费', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: NOT_BLANK_MESSAGE })
  name!: string;

  @ApiProperty({ example: 8000, description: 'Amount in fen (分), a positive integer (publication rule).' })
  @IsInt()
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  amountFen!: number;

  @ApiProperty({
    example: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
    maxLength: 300,
    description: 'Required non-blank at publication.',
  })
  @IsString()
  @MaxLength(300)
  legalBasis!: string;
}

/** Everything of a definition but its code (the code is in the path when a new version is made). */
export class ItemDefinitionBodyDto {
  @ApiProperty({ example: '食品经营许可', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: NOT_BLANK_MESSAGE })
  name!: string;

  @ApiProperty({ enum: ITEM_KINDS })
  @IsIn(ITEM_KINDS)
  kind!: ItemKind;

  @ApiProperty({ enum: ADMIN_LEVELS })
  @IsIn(ADMIN_LEVELS)
  level!: AdminLevel;

  @ApiProperty({ example: 'SCJG', description: 'Implementing department code (GET /catalogue/departments).' })
  @Matches(DEPARTMENT_CODE, { message: DEPARTMENT_CODE_MESSAGE })
  department!: string;

  @ApiProperty({
    type: [String],
    example: ['《中华人民共和国食品安全法》第三十五条'],
    description: '设定依据: law and article.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @Matches(NOT_BLANK, { each: true, message: NOT_BLANK_MESSAGE })
  legalBasis!: string[];

  @ApiProperty({ type: [String], description: '受理条件' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  @Matches(NOT_BLANK, { each: true, message: NOT_BLANK_MESSAGE })
  conditions!: string[];

  @ApiProperty({ type: [MaterialRequirementDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialRequirementDto)
  materials!: MaterialRequirementDto[];

  @ApiProperty({ type: [String], description: '办理流程 steps' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Matches(NOT_BLANK, { each: true, message: NOT_BLANK_MESSAGE })
  procedure!: string[];

  @ApiProperty({
    enum: SPECIAL_PROCEDURES,
    isArray: true,
    description: 'Special procedures whose time is excluded from the limit (行政许可法第四十五条).',
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(SPECIAL_PROCEDURES, { each: true })
  specialProcedures!: SpecialProcedure[];

  @ApiProperty({ minimum: 1, maximum: 365, example: 20, description: 'Legal time limit in working days (法定时限).' })
  @IsInt()
  @Min(1)
  @Max(365)
  legalLimitDays!: number;

  @ApiProperty({
    minimum: 0,
    maximum: 365,
    example: 5,
    description: 'Promised time limit in working days (承诺时限); 0 for instant items.',
  })
  @IsInt()
  @Min(0)
  @Max(365)
  promisedLimitDays!: number;

  @ApiProperty({ enum: ['instant', 'promised'], description: 'instant 即办件 / promised 承诺件' })
  @IsIn(['instant', 'promised'])
  mode!: 'instant' | 'promised';

  @ApiProperty({ type: [FeeItemDto], description: 'Empty: free of charge.' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FeeItemDto)
  fees!: FeeItemDto[];

  @ApiProperty({ description: 'Can be applied for online (可网办).' })
  @IsBoolean()
  online!: boolean;

  @ApiProperty({ minimum: 0, maximum: 10, description: 'Visits to a centre needed (到现场次数).' })
  @IsInt()
  @Min(0)
  @Max(10)
  visits!: number;

  @ApiProperty({ description: '一证通办: the applicant needs to show only the resident ID card.' })
  @IsBoolean()
  idCardOnly!: boolean;

  @ApiProperty({ enum: DELIVERY_MODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DELIVERY_MODES, { each: true })
  deliveryModes!: ('window' | 'post')[];

  @ApiProperty({
    enum: ADMIN_LEVELS,
    isArray: true,
    description: 'Centre levels whose windows may receive it; must include the item\u2019s own level.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ADMIN_LEVELS, { each: true })
  receivableAt!: AdminLevel[];

  @ApiProperty({ description: '一审一核: a reviewer\u2019s opinion, then an approver\u2019s decision.' })
  @IsBoolean()
  twoStepReview!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 365,
    example: 60,
    description: '容缺受理: natural days to hand in missing secondary materials; null when not allowed.',
  })
  @ValidateIf((o: ItemDefinitionBodyDto) => o.gapAcceptanceDays !== null)
  @IsInt()
  @Min(1)
  @Max(365)
  gapAcceptanceDays!: number | null;

  @ApiPropertyOptional({
    default: false,
    description:
      '自动受理: an online application with complete materials is accepted by the system at submission. Needs online and every required material an e-licence.',
  })
  @IsOptional()
  @IsBoolean()
  autoAccept?: boolean;

  @ApiProperty({
    type: [String],
    example: ['开办企业', '餐饮'],
    description: 'Themes (life events) the item is listed under.',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  @Matches(NOT_BLANK, { each: true, message: NOT_BLANK_MESSAGE })
  themes!: string[];
}

export class CreateItemDto extends ItemDefinitionBodyDto {
  @ApiProperty({ example: 'XK-SCJG-001', description: 'Unique item code.' })
  @Matches(ITEM_CODE, { message: ITEM_CODE_MESSAGE })
  code!: string;
}

export class WithdrawItemDto {
  @ApiProperty({ example: '五证合一改革后不再单独核发 (abolished by the five-in-one reform)', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: NOT_BLANK_MESSAGE })
  reason!: string;
}
