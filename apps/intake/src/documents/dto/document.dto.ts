import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import { DOCUMENT_KIND_NAMES } from '../document-kinds';

/* Response DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

export class DocumentIdParamDto {
  @ApiProperty({ format: 'uuid', description: '文书 id (document id)' })
  @IsUUID()
  id!: string;
}

export class VerificationCodeParamDto {
  @ApiProperty({
    description:
      '文书上的验证码，大小写、空格和连字符不计 (the code printed on the document; case, spaces and dashes ignored)',
    example: 'ACDE-3467-FGHJ-KM',
    maxLength: 40,
  })
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{10,40}$/, { message: 'code must be 10-40 letters, digits, spaces or dashes' })
  code!: string;
}

@ApiSchema({ name: 'DocumentView' })
export class DocumentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DOCUMENT_KIND_NAMES }) kind!: string;
  @ApiProperty({ example: '受理通知书' }) title!: string;
  @ApiProperty({ example: 'SL2026112300000042' }) number!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ example: '12010120261123IN000042' }) applicationNumber!: string;
  @ApiProperty({ example: '天津市行政许可服务中心' }) issuer!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ example: 'ACDE-3467-FGHJ-KM' }) verificationCode!: string;
  @ApiProperty() verificationUrl!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the content at issue' }) contentHash!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the template printed' })
  fields!: Record<string, unknown>;
}

@ApiSchema({ name: 'VerificationView' })
export class VerificationViewDto {
  @ApiProperty({ enum: DOCUMENT_KIND_NAMES }) kind!: string;
  @ApiProperty({ example: '受理通知书' }) title!: string;
  @ApiProperty({ example: 'SL2026112300000042' }) number!: string;
  @ApiProperty({ example: '12010120261123IN000042' }) applicationNumber!: string;
  @ApiProperty({ example: '天津市行政许可服务中心' }) issuer!: string;
  @ApiProperty({ format: 'date', example: '2026-11-23' }) issuedOn!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '张*丰',
    description: 'Masked for persons; enterprise names are public',
  })
  applicantName!: string | null;
  @ApiProperty({ description: 'SHA-256 (hex): compare with the digest printed on the copy' }) contentHash!: string;
  @ApiProperty({ description: 'false: the stored content was altered after issue' }) intact!: boolean;
}
