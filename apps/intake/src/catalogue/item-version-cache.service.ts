import { Injectable } from '@nestjs/common';
import type { ItemVersion } from './catalogue.types';

/**
 * The current version of each item, kept for a few seconds (OW_CATALOGUE_CACHE_MS, default 5000; 0
 * turns it off). Every application reads it at submission, and it changes only when an admin publishes
 * or withdraws, which clears the entry at once in this process; other replicas see the change within
 * the TTL. Filing within those seconds under the version just superseded is the same as having filed a
 * moment earlier, which C2 allows (an application keeps the version it was filed under).
 */
@Injectable()
export class ItemVersionCacheService {
  private readonly ttlMs = Number(process.env.OW_CATALOGUE_CACHE_MS ?? 5000);
  private readonly entries = new Map<string, { until: number; value: Promise<ItemVersion> }>();

  get(code: string, load: () => Promise<ItemVersion>): Promise<ItemVersion> {
    if (this.ttlMs <= 0) return load();
    const hit = this.entries.get(code);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = load();
    this.entries.set(code, { until: Date.now() + this.ttlMs, value });
    // Errors (unknown, withdrawn) are not kept: the next call asks the database again.
    value.catch(() => this.entries.delete(code));
    return value;
  }

  invalidate(code: string): void {
    this.entries.delete(code);
  }
}
