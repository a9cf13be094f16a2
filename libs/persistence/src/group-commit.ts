/**
 * Group commit for a hot write path: writes that arrive while earlier ones are in flight are written
 * together, by one statement and one commit, when a slot frees up. Nothing waits on a timer: alone,
 * a write goes out at once; under load the queue grows while statements run, and each statement then
 * takes what has gathered (up to `maxBatch`). Postgres pays its per-statement and per-commit work
 * (executor start, snapshot, WAL flush) once per group instead of once per write.
 *
 * A group fails as a whole (one statement): its writes are then retried one by one, so each caller
 * gets its own outcome, e.g. the one duplicate key among twenty good submissions fails alone.
 */
export interface GroupCommitOptions {
  /** Statements in flight at once (connections used); more writes queue and go out grouped. */
  maxInFlight: number;
  /** Writes in one statement at most. */
  maxBatch: number;
  /** Told the size of every statement (e.g. for a metric). */
  onStatement?: (writes: number) => void;
  /**
   * Whether a failed group is worth retrying one write at a time (default: always). A fault of one
   * write (a duplicate key, a bad value) is; a lost connection or an overloaded database is not, and
   * retrying each write alone would only multiply the load: then the whole group fails at once.
   */
  retryAlone?: (err: unknown) => boolean;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T> {
  private readonly queue: Waiting<T>[] = [];
  private inFlight = 0;
  /** Statements run, writes sent (a write retried alone counts again), writes retried alone: for tests. */
  readonly stats = { statements: 0, writes: 0, retriedAlone: 0 };

  constructor(
    private readonly writeAll: (items: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions,
  ) {
    if (![options.maxInFlight, options.maxBatch].every((n) => Number.isInteger(n) && n >= 1))
      throw new Error('GroupCommit: maxInFlight and maxBatch must be integers of at least 1');
  }

  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.flush(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(group: Waiting<T>[]): Promise<void> {
    try {
      await this.run(group.map((w) => w.item));
      for (const w of group) w.resolve();
    } catch (err) {
      if (group.length === 1 || !(this.options.retryAlone?.(err) ?? true)) {
        for (const w of group) w.reject(err);
        return;
      }
      // One bad write must not fail its neighbours: each is tried alone, in order.
      this.stats.retriedAlone += group.length;
      for (const w of group) {
        try {
          await this.run([w.item]);
          w.resolve();
        } catch (e) {
          w.reject(e);
        }
      }
    }
  }

  private async run(items: T[]): Promise<void> {
    this.stats.statements++;
    this.stats.writes += items.length;
    this.options.onStatement?.(items.length);
    await this.writeAll(items);
  }
}
