import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayContains,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  DomicileInJurisdiction,
  IsIdNumberOfKind,
  IsKnownAuthorityDivision,
  IsResidentId,
  IsUscc,
  SelfDeclarationWhereRequired,
  SharesAddUp,
  SomeNamePassesRules,
} from '../form-validators';

/*
 * The one form (一表申报, R1): everything the six steps need, given once. The four department sections
 * (seal, tax, social insurance, statistics) are passed to their departments as they are; a correction
 * replaces one section only.
 */

const MOBILE = /^1[3-9]\d{9}$/;
const MOBILE_MSG = '应为 11 位手机号码 (must be an 11-digit mobile number)';
const REQUIRED = '必填 (required)';
const DATE_MSG = '应为 YYYY-MM-DD 日期 (must be a YYYY-MM-DD date)';
// Largest amount that stays an exact integer in JSON and JavaScript.
const MAX_FEN = Number.MAX_SAFE_INTEGER;

export const SEAL_KINDS = ['official', 'finance', 'contract', 'invoice', 'legal-representative'] as const;
export const INVOICE_KINDS = ['vat-special', 'vat-ordinary', 'e-invoice'] as const;
export const TAXPAYER_TYPES = ['general', 'small-scale'] as const;
export const SHAREHOLDER_KINDS = ['natural-person', 'enterprise'] as const;

export class ContactDto {
  @ApiProperty({ example: '王五', minLength: 1, maxLength: 50 }) @IsString() @Length(1, 50) name!: string;
  @ApiProperty({ example: '13812345678', pattern: MOBILE.source })
  @IsString()
  @Matches(MOBILE, { message: MOBILE_MSG })
  phone!: string;
}

export class PersonDto extends ContactDto {
  @ApiProperty({
    description: '公民身份号码 (GB 11643 resident ID number)',
    example: '11010519491231002X',
    minLength: 18,
    maxLength: 18,
  })
  @IsString()
  @Length(18, 18)
  @IsResidentId()
  residentId!: string;
}

export class DomicileDto {
  @ApiProperty({
    description: "住所所在区或街道 (GB/T 2260 district or street code, inside the authority's jurisdiction)",
    example: '120101',
    pattern: '^\\d{6}(\\d{3})?$',
  })
  @IsString()
  @Matches(/^\d{6}(\d{3})?$/, { message: '应为 6 位或 9 位行政区划代码 (must be a 6- or 9-digit division code)' })
  division!: string;
  @ApiProperty({ example: '天津市和平区南京路 100 号', minLength: 5, maxLength: 200 })
  @IsString()
  @Length(5, 200)
  address!: string;
}

export class ShareholderDto {
  @ApiProperty({ enum: SHAREHOLDER_KINDS }) @IsIn(SHAREHOLDER_KINDS) kind!: (typeof SHAREHOLDER_KINDS)[number];
  @ApiProperty({ minLength: 1, maxLength: 100 }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({
    description:
      '自然人：公民身份号码；企业：统一社会信用代码 (resident ID for a natural person, USCC for an enterprise)',
    minLength: 18,
    maxLength: 18,
  })
  @IsString()
  @Length(18, 18)
  @IsIdNumberOfKind()
  idNumber!: string;
  @ApiProperty({
    description: '持股比例，万分之一 (share in basis points: 10000 = 100%); all shareholders add up to 10000',
    minimum: 1,
    maximum: 10000,
  })
  @IsInt()
  @Min(1)
  @Max(10_000)
  shareBasisPoints!: number;
  @ApiProperty({
    description: '认缴出资额（分） (subscribed contribution in fen); all add up to the registered capital',
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  contributionFen!: number;
  @ApiProperty({ description: '出资期限 (contribution due date)', format: 'date', example: '2031-12-31' })
  @IsISO8601({ strict: true }, { message: DATE_MSG })
  @Length(10, 10)
  contributionDueOn!: string;
}

export class SealDataDto {
  @ApiProperty({
    description: '印章种类 (the seal set; the official seal is required)',
    enum: SEAL_KINDS,
    isArray: true,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SEAL_KINDS.length)
  @ArrayUnique()
  @IsIn(SEAL_KINDS, { each: true })
  @ArrayContains(['official'], { message: '印章须包含公章 (the seal set must include the official seal)' })
  seals!: (typeof SEAL_KINDS)[number][];
  @ApiProperty({
    description: '刻章企业统一社会信用代码 (USCC of the engraver chosen by the applicant)',
    minLength: 18,
    maxLength: 18,
  })
  @IsString()
  @Length(18, 18)
  @IsUscc()
  engraverUscc!: string;
  @ApiProperty({ description: '刻章企业名称 (engraver)', minLength: 2, maxLength: 100 })
  @IsString()
  @Length(2, 100)
  engraverName!: string;
}

export class InvoiceRequestDto {
  @ApiProperty({ enum: INVOICE_KINDS }) @IsIn(INVOICE_KINDS) kind!: (typeof INVOICE_KINDS)[number];
  @ApiProperty({ description: '首次领用份数 (first issue: number of invoices)', minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
  @ApiProperty({ description: '单张最高开票限额（分） (maximum amount per invoice, fen)', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  maxAmountFen!: number;
}

export class TaxDataDto {
  @ApiProperty({ description: '纳税人类型：一般纳税人 / 小规模纳税人 (taxpayer type)', enum: TAXPAYER_TYPES })
  @IsIn(TAXPAYER_TYPES)
  taxpayerType!: (typeof TAXPAYER_TYPES)[number];
  @ApiProperty({
    description: '首次申领发票 (first invoices)',
    type: () => InvoiceRequestDto,
    isArray: true,
    maxItems: 3,
  })
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => InvoiceRequestDto)
  invoices!: InvoiceRequestDto[];
  @ApiProperty({ description: '财务负责人 (finance contact)', type: () => ContactDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => ContactDto)
  financeContact!: ContactDto;
}

export class SocialInsuranceDataDto {
  @ApiProperty({ description: '参保职工人数 (employees to insure)', minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  employees!: number;
  @ApiProperty({ description: '参保起始日期 (insured from)', format: 'date', example: '2026-12-01' })
  @IsISO8601({ strict: true }, { message: DATE_MSG })
  @Length(10, 10)
  insuredFrom!: string;
  @ApiProperty({ description: '社保经办人 (contact)', type: () => ContactDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;
}

export class StatisticsDataDto {
  @ApiProperty({
    description: '国民经济行业分类代码 (GB/T 4754-2017 class, a letter and 4 digits)',
    example: 'I6513',
    pattern: '^[A-T]\\d{4}$',
  })
  @IsString()
  @Matches(/^[A-T]\d{4}$/, {
    message: '应为 GB/T 4754 行业小类代码，如 I6513 (must be a GB/T 4754 class code, e.g. I6513)',
  })
  industryCode!: string;
  @ApiProperty({ description: '从业人员 (persons employed)', minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  employees!: number;
  @ApiProperty({ description: '预计年营业收入（分） (expected annual revenue, fen)', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  expectedAnnualRevenueFen!: number;
}

export class RegistrationFormDto {
  @ApiProperty({
    description:
      '登记机关行政区划代码 (division code of the registration authority: 120000 city, 1201xx district, 120191 free-trade zone)',
    example: '120101',
    pattern: '^\\d{6}$',
  })
  @IsString()
  @IsKnownAuthorityDivision()
  authorityDivision!: string;

  @ApiProperty({
    description:
      '备选名称，按优先顺序 (name candidates in order of preference): division + trade name + industry + organisation form, e.g. 天津海河科技有限公司',
    type: [String],
    minItems: 1,
    maxItems: 5,
    example: ['天津海河科技有限公司'],
  })
  @IsArray()
  @ArrayMinSize(1, { message: '至少填写一个备选名称 (at least one name candidate)' })
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(4, { each: true })
  @MaxLength(50, { each: true })
  @SomeNamePassesRules()
  nameCandidates!: string[];

  @ApiPropertyOptional({
    description:
      '自主申报承诺（自贸区等允许自主申报的登记机关必填 true） (self-declaration, required true where the authority takes self-declared names)',
  })
  @SelfDeclarationWhereRequired()
  nameSelfDeclaration?: boolean;

  @ApiProperty({ description: '注册资本（分） (registered capital, fen), positive', minimum: 1, example: 100000000 })
  @IsInt()
  @Min(1, { message: '注册资本应为正数 (capital must be positive)' })
  @Max(MAX_FEN)
  registeredCapitalFen!: number;

  @ApiProperty({
    description: '经营范围 (business scope)',
    minLength: 2,
    maxLength: 2000,
    example: '技术开发、技术咨询；餐饮服务',
  })
  @IsString()
  @Matches(/\S/, { message: '经营范围不能为空 (business scope is required)' })
  @Length(2, 2000)
  businessScope!: string;

  @ApiProperty({ type: () => DomicileDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => DomicileDto)
  @DomicileInJurisdiction()
  domicile!: DomicileDto;

  @ApiProperty({ description: '法定代表人 (legal representative)', type: () => PersonDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => PersonDto)
  legalRepresentative!: PersonDto;

  @ApiProperty({ type: () => ShareholderDto, isArray: true, minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1, { message: '至少一名股东 (at least one shareholder)' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ShareholderDto)
  @SharesAddUp()
  shareholders!: ShareholderDto[];

  @ApiProperty({ description: '公章刻制备案 (seal filing, public security GA)', type: () => SealDataDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => SealDataDto)
  seal!: SealDataDto;
  @ApiProperty({ description: '税务登记 (tax registration, SW)', type: () => TaxDataDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => TaxDataDto)
  tax!: TaxDataDto;
  @ApiProperty({ description: '社会保险登记 (social insurance, RS)', type: () => SocialInsuranceDataDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => SocialInsuranceDataDto)
  socialInsurance!: SocialInsuranceDataDto;
  @ApiProperty({ description: '统计登记 (statistics, TJ)', type: () => StatisticsDataDto })
  @IsDefined({ message: REQUIRED })
  @ValidateNested()
  @Type(() => StatisticsDataDto)
  statistics!: StatisticsDataDto;
}
