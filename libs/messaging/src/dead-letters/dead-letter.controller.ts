import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principals, RequireRoles, Roles, type Principal } from '@onewindow/auth';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DeadLetterService } from './dead-letter.service';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'replayed', 'discarded'] })
  @IsOptional()
  @IsIn(['open', 'replayed', 'discarded'])
  status?: 'open' | 'replayed' | 'discarded';
  @ApiPropertyOptional() @IsOptional() @IsString() consumer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() topic?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** Operators' view of the messages a service's consumers gave up on (runbook: replay dead letters). */
@ApiTags('admin: dead letters (死信)')
@ApiBearerAuth()
@Principals('staff')
@RequireRoles(Roles.platformAdmin)
@Controller('admin/dead-letters')
export class DeadLetterController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  @ApiOperation({ summary: '列出死信 (list dead letters)' })
  list(@Query() q: DeadLetterQueryDto) {
    return this.deadLetters.list(q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.deadLetters.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: '重放死信 (run the message through its consumer again)' })
  replay(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    return this.deadLetters.replay(id, `${p.type}:${p.sub}`);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: '放弃死信 (mark as discarded)' })
  discard(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    return this.deadLetters.discard(id, `${p.type}:${p.sub}`);
  }
}
