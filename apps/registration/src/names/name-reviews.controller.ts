import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principals, RequireRoles, Roles, type StaffPrincipal } from '@onewindow/auth';
import { TraceId } from '@onewindow/http';
import { NameDecisionDto, NameReviewIdParamDto, NameReviewQueryDto, NameReviewViewDto } from './dto/name-review.dto';
import { NameReviewService } from './name-review.service';

/** Market regulation's reviewers (the commission, or a district's approval bureau within its district). */
@ApiTags('name reviews (名称审查)')
@ApiBearerAuth()
@Principals('staff')
@RequireRoles(Roles.reviewer, Roles.approver)
@Controller('name-reviews')
export class NameReviewsController {
  constructor(private readonly reviews: NameReviewService) {}

  @Get()
  @ApiOperation({
    summary: '待审查名称 (the queue of names needing a human judgement: similar names, restricted words)',
  })
  @ApiOkResponse({ type: [NameReviewViewDto] })
  @ApiForbiddenResponse({ description: 'Not market regulation staff' })
  list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: NameReviewQueryDto): Promise<NameReviewViewDto[]> {
    return this.reviews.list(p, q.state);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: '审查决定 (approve: the saga issues the licence; reject: the registration ends and the name is released)',
  })
  @ApiOkResponse({ type: NameReviewViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already decided, or the registration was withdrawn' })
  decide(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param() { id }: NameReviewIdParamDto,
    @Body() dto: NameDecisionDto,
    @TraceId() traceId: string,
  ): Promise<NameReviewViewDto> {
    return this.reviews.decide(p, id, dto, traceId);
  }
}
