import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

/* View DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

export const LICENCE_NUMBER = /^\d{6}\d{8}YZ\d{6}$/;

export class LicenceNumberParamDto {
  @ApiProperty({
    description: '营业执照编号 (licence number: division, date, YZ, sequence)',
    example: '12010120261123YZ000001',
    pattern: LICENCE_NUMBER.source,
  })
  @IsString()
  @Matches(LICENCE_NUMBER, { message: '证照编号格式错误 (malformed licence number)' })
  number!: string;
}

@ApiSchema({ name: 'LicenceDocumentView' })
export class LicenceDocumentViewDto {
  @ApiProperty() format!: string;
  @ApiProperty() title!: string;
  @ApiProperty() licenceNumber!: string;
  @ApiProperty({ description: '统一社会信用代码 (USCC)' }) uscc!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '类型 (enterprise type)' }) enterpriseType!: string;
  @ApiProperty({ description: '法定代表人 (legal representative)' }) legalRepresentative!: string;
  @ApiProperty({ description: '注册资本（分） (registered capital, fen)' }) registeredCapitalFen!: number;
  @ApiProperty({ description: '成立日期 (date established)', format: 'date' }) establishedOn!: string;
  @ApiProperty({ description: '住所 (domicile)' }) domicile!: string;
  @ApiProperty({ description: '经营范围 (business scope)' }) businessScope!: string;
  @ApiProperty({
    description: '登记机关 (registration authority)',
    type: 'object',
    properties: { code: { type: 'string' }, name: { type: 'string' }, division: { type: 'string' } },
  })
  authority!: { code: string; name: string; division: string };
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}

@ApiSchema({ name: 'SignedLicenceView' })
export class SignedLicenceViewDto {
  @ApiProperty({ type: LicenceDocumentViewDto }) document!: LicenceDocumentViewDto;
  @ApiProperty({ description: '被签名的规范化 JSON 原文 (the exact canonical JSON that was signed, UTF-8)' })
  canonical!: string;
  @ApiProperty({ description: 'Ed25519 签名，base64url (signature over the canonical bytes)' }) signature!: string;
  @ApiProperty({ description: '签名密钥标识，见 /licences/.well-known/keys (key id)' }) kid!: string;
  @ApiProperty({ enum: ['EdDSA'] }) alg!: string;
}

export class VerifyLicenceDto {
  @ApiPropertyOptional({
    description:
      '证照内容 JSON 对象（与 canonical 二选一；按规范化 JSON 校验） (the licence document as JSON; canonicalised before checking)',
    type: 'object',
    additionalProperties: true,
  })
  @ValidateIf((o: VerifyLicenceDto) => o.canonical === undefined)
  @IsObject({ message: 'document 或 canonical 必填其一 (give document or canonical)' })
  document?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: '被签名的原文（逐字节校验） (the signed text, checked byte for byte)',
    maxLength: 100000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  canonical?: string;

  @ApiProperty({ description: 'base64url 签名 (signature)', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: '签名应为 base64url (signature must be base64url)' })
  signature!: string;

  @ApiPropertyOptional({
    description: '密钥标识；缺省时逐一尝试已公布的密钥 (key id; without it every published key is tried)',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  kid?: string;
}

@ApiSchema({ name: 'VerificationReasonView' })
export class VerificationReasonViewDto {
  @ApiProperty({ enum: ['unknown-key', 'bad-signature', 'not-canonical', 'not-in-register'] }) code!: string;
  @ApiProperty() message!: string;
}

@ApiSchema({ name: 'LicenceVerificationView' })
export class LicenceVerificationViewDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [VerificationReasonViewDto] }) reasons!: VerificationReasonViewDto[];
  @ApiPropertyOptional() kid?: string;
  @ApiPropertyOptional() licenceNumber?: string;
  @ApiPropertyOptional() uscc?: string;
  @ApiPropertyOptional() name?: string;
}

@ApiSchema({ name: 'JwksView' })
export class JwksViewDto {
  @ApiProperty({
    description: 'Ed25519 公钥 (OKP JWKs: kty, crv, x, kid, alg, use)',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  keys!: Record<string, unknown>[];
}
