import type { ItemDefinition } from '../catalogue.types';

/**
 * What a bundle asks of the applicant besides materials: items are processed in parallel
 * (并行办理), so the bundle is promised within its longest item's limit; the fees add up.
 */
export function bundleTotals(items: ItemDefinition[]): { promisedLimitDays: number; totalFeeFen: number } {
  return {
    promisedLimitDays: items.reduce((max, i) => Math.max(max, i.promisedLimitDays), 0),
    totalFeeFen: items.reduce((sum, i) => sum + i.fees.reduce((s, f) => s + f.amountFen, 0), 0),
  };
}
