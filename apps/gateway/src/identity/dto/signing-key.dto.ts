import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RotateKeyDto {
  @ApiPropertyOptional({
    description:
      'Seconds until the new key starts signing (it is published at once). Default OW_JWT_ROTATION_LEAD_SECONDS (120).',
    minimum: 0,
    maximum: 86400,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  activate_in_seconds?: number;
}

export class JwksResponseDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  keys!: Record<string, unknown>[];
}
