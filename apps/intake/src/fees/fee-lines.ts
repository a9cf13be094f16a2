import { UnprocessableEntityException } from '@nestjs/common';
import type { ItemVersion } from '../catalogue/catalogue.types';
import type { FeeLine } from './entities/fee-notice.entity';

/**
 * The lines of a fee notice, copied from the item version the application was filed under (C2: a
 * later fee change does not reach older applications). Pure; refuses a free item and any amount
 * that is not a positive integer in fen (the catalogue's rules should have caught it already).
 */
export function feeLinesOf(item: ItemVersion): { lines: FeeLine[]; totalFen: number } {
  const fees = item.definition.fees ?? [];
  if (fees.length === 0) {
    throw new UnprocessableEntityException({
      message: `事项 ${item.itemCode} 第 ${item.version} 版不收费 (item is free of charge)`,
      details: { itemCode: item.itemCode, itemVersion: item.version },
    });
  }
  const lines = fees.map((f) => ({ name: f.name, amountFen: f.amountFen, legalBasis: f.legalBasis }));
  const bad = lines.filter((l) => !Number.isSafeInteger(l.amountFen) || l.amountFen <= 0 || !l.legalBasis);
  if (bad.length) {
    throw new UnprocessableEntityException({
      message: '事项收费项目不合法 (item fee items invalid)',
      details: bad.map((l) => ({ name: l.name, amountFen: l.amountFen })),
    });
  }
  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  if (!Number.isSafeInteger(totalFen))
    throw new UnprocessableEntityException({ message: '收费合计超出范围 (total out of range)' });
  return { lines, totalFen };
}
