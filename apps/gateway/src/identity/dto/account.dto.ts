import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MeResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  principal!: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'The caller\u2019s own account (with the resident ID, shown to its owner only).',
    type: 'object',
    additionalProperties: true,
  })
  account?: Record<string, unknown>;
}
