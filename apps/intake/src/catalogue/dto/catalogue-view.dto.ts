import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { AdminLevel, ItemKind, ItemVersion } from '../catalogue.types';
import { ADMIN_LEVELS, CreateItemDto, ITEM_KINDS, MaterialRequirementDto } from './item-definition.dto';

/* Response DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

const VERSION_STATUSES: ItemVersion['status'][] = ['draft', 'published', 'superseded', 'withdrawn'];

@ApiSchema({ name: 'ItemVersionDto' })
export class ItemVersionViewDto implements ItemVersion {
  @ApiProperty({ example: 'XK-SCJG-001' }) itemCode!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ enum: VERSION_STATUSES }) status!: ItemVersion['status'];
  @ApiProperty({ type: CreateItemDto, description: 'The service guide (办事指南) of this version.' })
  definition!: CreateItemDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the item was withdrawn, when it was.' })
  withdrawnReason?: string | null;
}

@ApiSchema({ name: 'VersionSummaryDto' })
export class VersionSummaryViewDto {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: VERSION_STATUSES }) status!: ItemVersion['status'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) supersededAt!: string | null;
}

@ApiSchema({ name: 'ItemSummaryDto' })
export class ItemSummaryViewDto {
  @ApiProperty({ example: 'XK-SCJG-001' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind!: ItemKind;
  @ApiProperty({ enum: ADMIN_LEVELS }) level!: AdminLevel;
  @ApiProperty() department!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['instant', 'promised'] }) mode!: 'instant' | 'promised';
  @ApiProperty() legalLimitDays!: number;
  @ApiProperty() promisedLimitDays!: number;
  @ApiProperty() online!: boolean;
  @ApiProperty() visits!: number;
  @ApiProperty() idCardOnly!: boolean;
  @ApiProperty({ description: '自动受理: complete online applications are accepted at submission' })
  autoAccept!: boolean;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt!: string;
}

@ApiSchema({ name: 'ItemPageDto' })
export class ItemPageViewDto {
  @ApiProperty({ type: [ItemSummaryViewDto] }) items!: ItemSummaryViewDto[];
  @ApiProperty({ description: 'Items matching, over all pages.' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

@ApiSchema({ name: 'DepartmentDto' })
export class DepartmentViewDto {
  @ApiProperty({ example: 'SCJG' }) code!: string;
  @ApiProperty({ example: '市市场监督管理委员会' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Market Regulation' }) nameEn!: string | null;
  @ApiProperty({ description: 'Published items of the department.' }) items!: number;
}

@ApiSchema({ name: 'BundleSummaryDto' })
export class BundleSummaryViewDto {
  @ApiProperty({ example: 'YJS-001' }) code!: string;
  @ApiProperty({ example: '我要开餐馆' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) itemCodes!: string[];
  @ApiProperty({ type: [String] }) themes!: string[];
}

@ApiSchema({ name: 'MergedMaterialDto' })
export class MergedMaterialViewDto extends MaterialRequirementDto {
  @ApiProperty({ type: [String], description: 'The items needing this material; it is asked for once.' })
  usedBy!: string[];
}

@ApiSchema({ name: 'ExcludedItemDto' })
export class ExcludedItemViewDto {
  @ApiProperty() itemCode!: string;
  @ApiProperty({ enum: ['draft', 'withdrawn'], description: 'Why the item is not applied for in the bundle now.' })
  state!: 'draft' | 'withdrawn';
}

@ApiSchema({ name: 'BundleDetailDto' })
export class BundleDetailViewDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ type: [ItemVersionViewDto], description: 'Current published versions of the bundle\u2019s items.' })
  items!: ItemVersionViewDto[];
  @ApiProperty({ type: [MergedMaterialViewDto], description: 'The merged material list (一表申报).' })
  materials!: MergedMaterialViewDto[];
  @ApiProperty({ type: [ExcludedItemViewDto] }) excludedItems!: ExcludedItemViewDto[];
  @ApiProperty({ description: 'Parallel processing: the longest promised limit of the items, in working days.' })
  promisedLimitDays!: number;
  @ApiProperty({ description: 'Sum of the items\u2019 fees, in fen.' }) totalFeeFen!: number;
}

@ApiSchema({ name: 'ReportFiguresDto' })
export class ReportFiguresViewDto {
  @ApiProperty() items!: number;
  @ApiProperty({ description: 'Mean of 1 − promised/legal, 4 decimals.' }) averageCompression!: number;
  @ApiProperty() minimumCompression!: number;
  @ApiProperty({ description: 'Share of items with compression ≥ 60%.' }) shareCompressedAtLeast60!: number;
  @ApiProperty({ description: 'Share of items needing at most one visit.' }) shareAtMostOneVisit!: number;
  @ApiProperty({ description: 'averageCompression ≥ 0.6' }) meetsCompressionTarget!: boolean;
  @ApiProperty({ description: 'shareAtMostOneVisit ≥ 0.9' }) meetsVisitTarget!: boolean;
}

@ApiSchema({ name: 'DepartmentReportDto' })
export class DepartmentReportViewDto extends ReportFiguresViewDto {
  @ApiProperty() department!: string;
  @ApiProperty({ type: String, nullable: true }) departmentName!: string | null;
}

@ApiSchema({ name: 'ReportTargetsDto' })
export class ReportTargetsViewDto {
  @ApiProperty({ example: 0.6 }) compression!: number;
  @ApiProperty({ example: 0.9 }) atMostOneVisit!: number;
}

@ApiSchema({ name: 'CatalogueReportDto' })
export class CatalogueReportViewDto {
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: ReportTargetsViewDto }) targets!: ReportTargetsViewDto;
  @ApiProperty({ type: [DepartmentReportViewDto] }) departments!: DepartmentReportViewDto[];
  @ApiProperty({
    type: ReportFiguresViewDto,
    nullable: true,
    description: 'All published items together; null when there are none.',
  })
  overall!: ReportFiguresViewDto | null;
}
