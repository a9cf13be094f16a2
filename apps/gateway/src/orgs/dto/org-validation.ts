import type { AdminLevel } from '@onewindow/auth';

/** What the org DTOs accept: GB/T 2260 division codes and administrative levels. */
export const DIVISION = /^(\d{6}|\d{9}|\d{12})$/;
export const DIVISION_MESSAGE =
  '应为 6、9 或 12 位 GB/T 2260 行政区划代码 (must be a 6, 9 or 12 digit GB/T 2260 division code)';
export const LEVELS: AdminLevel[] = ['city', 'district', 'street', 'community'];
