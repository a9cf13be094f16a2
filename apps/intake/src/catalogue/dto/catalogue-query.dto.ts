import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { PageQueryDto } from '@onewindow/http';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AdminLevel, ItemKind } from '../catalogue.types';
import {
  ADMIN_LEVELS,
  DEPARTMENT_CODE,
  DEPARTMENT_CODE_MESSAGE,
  ITEM_CODE,
  ITEM_CODE_MESSAGE,
  ITEM_KINDS,
} from './item-definition.dto';

export class ItemCodeParamDto {
  @ApiProperty({ example: 'XK-SCJG-001' })
  @Matches(ITEM_CODE, { message: ITEM_CODE_MESSAGE })
  code!: string;
}

export class ItemVersionParamDto extends ItemCodeParamDto {
  @ApiProperty({ example: 1, minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  version!: number;
}

export class BundleCodeParamDto {
  @ApiProperty({ example: 'YJS-001' })
  @Matches(ITEM_CODE, { message: '一件事编码如 YJS-001 (bundle code like YJS-001)' })
  code!: string;
}

/** The public search's filters, and `page`/`pageSize` (1–10,000 and 1–100, default 1 and 20). */
export class ItemSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '许可',
    maxLength: 50,
    description: 'A substring of the item name or themes (Chinese works, e.g. 许可, 餐) or a prefix of its code.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ example: 'SCJG' })
  @IsOptional()
  @Matches(DEPARTMENT_CODE, { message: DEPARTMENT_CODE_MESSAGE })
  department?: string;

  @ApiPropertyOptional({ enum: ADMIN_LEVELS })
  @IsOptional()
  @IsIn(ADMIN_LEVELS)
  level?: AdminLevel;

  @ApiPropertyOptional({ enum: ITEM_KINDS })
  @IsOptional()
  @IsIn(ITEM_KINDS)
  kind?: ItemKind;

  @ApiPropertyOptional({ example: '开办企业', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  theme?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only items that can be applied for online.' })
  @IsOptional()
  // Query strings carry text: accept exactly 'true' / 'false', refuse anything else.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  online?: boolean;
}
