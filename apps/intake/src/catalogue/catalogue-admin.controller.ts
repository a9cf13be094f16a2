import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principals, RequireRoles, Roles, type StaffPrincipal } from '@onewindow/auth';
import { CatalogueAdminService } from './catalogue-admin.service';
import { ItemCodeParamDto, ItemVersionParamDto } from './dto/catalogue-query.dto';
import { ItemVersionViewDto } from './dto/catalogue-view.dto';
import { CreateItemDto, ItemDefinitionBodyDto, WithdrawItemDto } from './dto/item-definition.dto';

/**
 * Catalogue maintenance (C2, C4), for staff holding `catalogue-admin`. A department's admin edits
 * only that department's items; centre staff (no department) edit all.
 */
@ApiTags('catalogue-admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token.' })
@ApiForbiddenResponse({ description: 'Not staff, no catalogue-admin role, or another department\u2019s item.' })
@Principals('staff')
@RequireRoles(Roles.catalogueAdmin)
@Controller('catalogue/items')
export class CatalogueAdminController {
  constructor(private readonly admin: CatalogueAdminService) {}

  @Post()
  @ApiOperation({ summary: 'Create an item: version 1, a draft' })
  @ApiCreatedResponse({ type: ItemVersionViewDto })
  @ApiBadRequestResponse({ description: 'Invalid body; every field problem in details.' })
  @ApiConflictResponse({ description: 'The code exists.' })
  create(@Body() body: CreateItemDto, @CurrentPrincipal() actor: StaffPrincipal): Promise<ItemVersionViewDto> {
    return this.admin.create(body, actor) as Promise<ItemVersionViewDto>;
  }

  @Post(':code/versions')
  @ApiOperation({ summary: 'Create the next version of an item as a draft (editing a published item)' })
  @ApiCreatedResponse({ type: ItemVersionViewDto })
  @ApiBadRequestResponse({ description: 'Invalid body; every field problem in details.' })
  @ApiNotFoundResponse({ description: 'Unknown item.' })
  @ApiConflictResponse({
    description: 'A draft exists already (details.currentState draft), or the item is withdrawn.',
  })
  newDraft(
    @Param() p: ItemCodeParamDto,
    @Body() body: ItemDefinitionBodyDto,
    @CurrentPrincipal() actor: StaffPrincipal,
  ): Promise<ItemVersionViewDto> {
    return this.admin.newDraft(p.code, body, actor) as Promise<ItemVersionViewDto>;
  }

  @Put(':code/versions/:version')
  @ApiOperation({ summary: 'Replace the definition of a draft version' })
  @ApiOkResponse({ type: ItemVersionViewDto })
  @ApiBadRequestResponse({ description: 'Invalid body; every field problem in details.' })
  @ApiNotFoundResponse({ description: 'Unknown item or version.' })
  @ApiConflictResponse({ description: 'The version is not a draft (details.currentState), or the item is withdrawn.' })
  replaceDraft(
    @Param() p: ItemVersionParamDto,
    @Body() body: ItemDefinitionBodyDto,
    @CurrentPrincipal() actor: StaffPrincipal,
  ): Promise<ItemVersionViewDto> {
    return this.admin.replaceDraft(p.code, p.version, body, actor) as Promise<ItemVersionViewDto>;
  }

  @Post(':code/versions/:version/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft: C4 rules checked; the previous published version is superseded' })
  @ApiOkResponse({ type: ItemVersionViewDto })
  @ApiNotFoundResponse({ description: 'Unknown item or version.' })
  @ApiConflictResponse({ description: 'The version is not a draft (details.currentState), or the item is withdrawn.' })
  @ApiUnprocessableEntityResponse({
    description: 'Publication rules broken: details lists every violation {rule, field, message}; nothing changed.',
  })
  publish(@Param() p: ItemVersionParamDto, @CurrentPrincipal() actor: StaffPrincipal): Promise<ItemVersionViewDto> {
    return this.admin.publish(p.code, p.version, actor) as Promise<ItemVersionViewDto>;
  }

  @Post(':code/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an item: it takes no new applications; its versions stay readable' })
  @ApiOkResponse({ type: ItemVersionViewDto })
  @ApiBadRequestResponse({ description: 'Invalid body.' })
  @ApiNotFoundResponse({ description: 'Unknown item.' })
  @ApiConflictResponse({ description: 'Never published or already withdrawn (details.currentState).' })
  withdraw(
    @Param() p: ItemCodeParamDto,
    @Body() body: WithdrawItemDto,
    @CurrentPrincipal() actor: StaffPrincipal,
  ): Promise<ItemVersionViewDto> {
    return this.admin.withdraw(p.code, body.reason, actor) as Promise<ItemVersionViewDto>;
  }
}
