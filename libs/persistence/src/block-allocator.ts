/**
 * Hands out numbers reserved from the database a block at a time (hi/lo): one round trip per
 * `blockSize` numbers instead of one per number, and no row lock held by a request's transaction.
 * Numbers stay unique across processes (each block is reserved by an atomic statement); they are not
 * gap-free (a restart drops the rest of a block) and, across replicas, not in strict time order.
 * Used where a human-readable number must be unique but a gap is harmless (case and document numbers).
 */
export class BlockAllocator {
  private readonly blocks = new Map<string, number[]>();
  private readonly refills = new Map<string, Promise<void>>();

  /**
   * @param reserve reserves `size` numbers for `key` in one atomic statement and returns them.
   * @param maxKeys keys kept in memory (keys often carry a date: yesterday's leftovers are dropped).
   */
  constructor(
    private readonly reserve: (key: string, size: number) => Promise<number[]>,
    private readonly blockSize = 50,
    private readonly maxKeys = 1000,
  ) {
    if (!Number.isInteger(blockSize) || blockSize < 1)
      throw new Error('BlockAllocator: blockSize must be a positive integer');
  }

  async next(key: string): Promise<number> {
    for (;;) {
      const block = this.blocks.get(key);
      if (block && block.length > 0) return block.shift()!;
      await this.refill(key);
    }
  }

  /** Concurrent callers of one key share one reservation. */
  private refill(key: string): Promise<void> {
    let pending = this.refills.get(key);
    if (!pending) {
      pending = this.reserve(key, this.blockSize)
        .then((numbers) => {
          if (numbers.length === 0) throw new Error(`BlockAllocator: no numbers reserved for ${key}`);
          if (!this.blocks.has(key) && this.blocks.size >= this.maxKeys)
            this.blocks.delete(this.blocks.keys().next().value!);
          this.blocks.set(key, [...(this.blocks.get(key) ?? []), ...numbers]);
        })
        .finally(() => this.refills.delete(key));
      this.refills.set(key, pending);
    }
    return pending;
  }
}
