import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'citizen.zhang', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'OneWindow#2026', maxLength: 256, format: 'password' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from /auth/login or the previous refresh.' })
  @IsString()
  @Length(20, 200)
  refresh_token!: string;
}

/**
 * OAuth 2 client credentials (RFC 6749 §4.4) in the body, as JSON or as
 * application/x-www-form-urlencoded. HTTP Basic client authentication is not supported.
 */
export class ClientCredentialsDto {
  @ApiProperty({ enum: ['client_credentials'] })
  @IsIn(['client_credentials'])
  grant_type!: 'client_credentials';

  @ApiProperty({ example: 'sw-system', maxLength: 64 })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'client_id must be a lower-case client id' })
  client_id!: string;

  @ApiProperty({ maxLength: 256, format: 'password' })
  @IsString()
  @Length(1, 256)
  client_secret!: string;

  @ApiPropertyOptional({ description: 'Space-separated subset of the client\u2019s scopes; default all of them.', example: 'tasks:read' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9:._-]*( [a-z][a-z0-9:._-]*)*$/, { message: 'scope must be space-separated scope names' })
  @Length(1, 1000)
  scope?: string;
}

export class ExchangeDto {
  @ApiProperty({ description: 'An ID token from the configured external OIDC issuer (OW_OIDC_ISSUER).' })
  @IsString()
  @Length(10, 8192)
  id_token!: string;
}

export class RotateKeyDto {
  @ApiPropertyOptional({ description: 'Seconds until the new key starts signing (it is published at once). Default OW_JWT_ROTATION_LEAD_SECONDS (120).', minimum: 0, maximum: 86400 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  activate_in_seconds?: number;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'ES256 JWT, 15 minutes.' })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ example: 900 })
  expires_in!: number;

  @ApiPropertyOptional({ description: 'Absent for client credentials (RFC 6749 §4.4.3).' })
  refresh_token?: string;

  @ApiPropertyOptional({ description: 'Granted scopes (client credentials).' })
  scope?: string;

  @ApiPropertyOptional({ description: 'The principal the token stands for (see libs/auth principal.ts).', type: 'object', additionalProperties: true })
  principal?: Record<string, unknown>;
}

export class MeResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  principal!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The caller\u2019s own account (with the resident ID, shown to its owner only).', type: 'object', additionalProperties: true })
  account?: Record<string, unknown>;
}

export class JwksResponseDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  keys!: Record<string, unknown>[];
}
