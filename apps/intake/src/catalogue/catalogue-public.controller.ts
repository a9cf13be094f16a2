import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, isStaffWithRole, type Principal, Public, Roles } from '@onewindow/auth';
import { CatalogueQueryService } from './catalogue-query.service';
import { CatalogueReaderService } from './catalogue-reader.service';
import { bundleTotals } from './rules/bundle-totals';
import {
  BundleCodeParamDto,
  ItemCodeParamDto,
  ItemSearchQueryDto,
  ItemVersionParamDto,
} from './dto/catalogue-query.dto';
import {
  BundleDetailViewDto,
  BundleSummaryViewDto,
  CatalogueReportViewDto,
  DepartmentViewDto,
  ItemPageViewDto,
  ItemVersionViewDto,
  VersionSummaryViewDto,
} from './dto/catalogue-view.dto';

/** C3: anyone reads the catalogue without logging in (政务公开). A catalogue admin's token also shows drafts. */
@ApiTags('catalogue')
@Public()
@Controller('catalogue')
export class CataloguePublicController {
  constructor(
    private readonly query: CatalogueQueryService,
    private readonly reader: CatalogueReaderService,
  ) {}

  @Get('items')
  @ApiOperation({
    summary:
      'Search published items 搜索事项: name substring (Chinese), code prefix, department, level, kind, theme, online',
  })
  @ApiOkResponse({ type: ItemPageViewDto })
  @ApiBadRequestResponse({ description: 'Malformed or unknown query parameter.' })
  search(@Query() q: ItemSearchQueryDto): Promise<ItemPageViewDto> {
    return this.query.search(q);
  }

  @Get('items/:code')
  @ApiOperation({
    summary:
      'An item\u2019s current published version (办事指南); a withdrawn item shows status withdrawn with the reason',
  })
  @ApiOkResponse({ type: ItemVersionViewDto })
  @ApiBadRequestResponse({ description: 'Malformed code.' })
  @ApiNotFoundResponse({ description: '事项不存在 (unknown or never published).' })
  item(@Param() p: ItemCodeParamDto): Promise<ItemVersionViewDto> {
    return this.query.item(p.code) as Promise<ItemVersionViewDto>;
  }

  @Get('items/:code/versions')
  @ApiOperation({ summary: 'The versions of an item and their status (drafts only for catalogue admins)' })
  @ApiOkResponse({ type: [VersionSummaryViewDto] })
  @ApiBadRequestResponse({ description: 'Malformed code.' })
  @ApiNotFoundResponse({ description: 'Unknown item.' })
  versions(@Param() p: ItemCodeParamDto, @CurrentPrincipal() who: Principal): Promise<VersionSummaryViewDto[]> {
    return this.query.versions(p.code, isStaffWithRole(who, Roles.catalogueAdmin));
  }

  @Get('items/:code/versions/:version')
  @ApiOperation({ summary: 'One version of an item, e.g. the one an application was filed under (C2)' })
  @ApiOkResponse({ type: ItemVersionViewDto })
  @ApiBadRequestResponse({ description: 'Malformed code or version.' })
  @ApiNotFoundResponse({ description: 'Unknown item or version (drafts are 404 except for catalogue admins).' })
  version(@Param() p: ItemVersionParamDto, @CurrentPrincipal() who: Principal): Promise<ItemVersionViewDto> {
    return this.query.version(
      p.code,
      p.version,
      isStaffWithRole(who, Roles.catalogueAdmin),
    ) as Promise<ItemVersionViewDto>;
  }

  @Get('bundles')
  @ApiOperation({ summary: 'Bundles 一件事 (items applied for with one form)' })
  @ApiOkResponse({ type: [BundleSummaryViewDto] })
  bundles(): Promise<BundleSummaryViewDto[]> {
    return this.query.bundles();
  }

  @Get('bundles/:code')
  @ApiOperation({
    summary:
      'A bundle with its items and the merged material list: a material needed by several items is asked once (C5)',
  })
  @ApiOkResponse({ type: BundleDetailViewDto })
  @ApiBadRequestResponse({ description: 'Malformed code.' })
  @ApiNotFoundResponse({ description: 'Unknown bundle.' })
  async bundle(@Param() p: BundleCodeParamDto): Promise<BundleDetailViewDto> {
    const view = await this.reader.bundleView(p.code);
    return { ...view, ...bundleTotals(view.items.map((i) => i.definition)) } as BundleDetailViewDto;
  }

  @Get('departments')
  @ApiOperation({ summary: 'Implementing departments, with their number of published items' })
  @ApiOkResponse({ type: [DepartmentViewDto] })
  departments(): Promise<DepartmentViewDto[]> {
    return this.query.departments();
  }

  @Get('report')
  @ApiOperation({
    summary:
      'C4 report per department: compression of promised vs legal limits (target 60%), share of items needing ≤ 1 visit (target 90%)',
  })
  @ApiOkResponse({ type: CatalogueReportViewDto })
  report(): Promise<CatalogueReportViewDto> {
    return this.query.report();
  }
}
