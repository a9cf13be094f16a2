import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

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

  @ApiPropertyOptional({
    description: 'Space-separated subset of the client\u2019s scopes; default all of them.',
    example: 'tasks:read',
  })
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
