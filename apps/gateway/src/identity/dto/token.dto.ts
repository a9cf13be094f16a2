import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

  @ApiPropertyOptional({
    description: 'The principal the token stands for (see libs/auth principal.ts).',
    type: 'object',
    additionalProperties: true,
  })
  principal?: Record<string, unknown>;
}
