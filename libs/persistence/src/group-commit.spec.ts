import { GroupCommit } from './group-commit';

/** A writer whose statements finish when the test says so: to see what goes out together. */
function controlledWriter(failOn: (item: number) => boolean = () => false) {
  const statements: number[][] = [];
  const pending: (() => void)[] = [];
  const writeAll = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      statements.push(items);
      pending.push(() => (items.some(failOn) ? reject(new Error(`bad write in ${items.join(',')}`)) : resolve()));
    });
  const finishAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { statements, writeAll, finishAll };
}

describe('GroupCommit', () => {
  it('sends a write alone at once when nothing is in flight', async () => {
    const w = controlledWriter();
    const g = new GroupCommit(w.writeAll, { maxInFlight: 2, maxBatch: 10 });
    const done = g.write(1);
    expect(w.statements).toEqual([[1]]);
    await w.finishAll();
    await done;
  });

  it('groups the writes that arrive while statements are in flight, up to maxBatch, in arrival order', async () => {
    const w = controlledWriter();
    const g = new GroupCommit(w.writeAll, { maxInFlight: 1, maxBatch: 3 });
    const all = Promise.all([1, 2, 3, 4, 5, 6].map((i) => g.write(i)));
    expect(w.statements).toEqual([[1]]);
    await w.finishAll();
    await all;
    expect(w.statements).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(g.stats).toEqual({ statements: 3, writes: 6, retriedAlone: 0 });
  });

  it('tells onStatement the size of every statement', async () => {
    const w = controlledWriter();
    const sizes: number[] = [];
    const g = new GroupCommit(w.writeAll, { maxInFlight: 1, maxBatch: 10, onStatement: (n) => sizes.push(n) });
    const all = Promise.all([1, 2, 3].map((i) => g.write(i)));
    await w.finishAll();
    await all;
    expect(sizes).toEqual([1, 2]);
  });

  it('keeps at most maxInFlight statements running', async () => {
    const w = controlledWriter();
    const g = new GroupCommit(w.writeAll, { maxInFlight: 2, maxBatch: 10 });
    const all = Promise.all([1, 2, 3, 4].map((i) => g.write(i)));
    expect(w.statements).toEqual([[1], [2]]);
    await w.finishAll();
    await all;
    expect(w.statements).toEqual([[1], [2], [3, 4]]);
  });

  it('retries a failed group one by one: only the bad write fails', async () => {
    const w = controlledWriter((i) => i === 3);
    const g = new GroupCommit(w.writeAll, { maxInFlight: 1, maxBatch: 10 });
    const results = [1, 2, 3, 4].map((i) =>
      g.write(i).then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    await w.finishAll();
    expect(await Promise.all(results)).toEqual(['ok', 'ok', 'bad write in 3', 'ok']);
    expect(w.statements).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(g.stats.retriedAlone).toBe(3);
  });

  it('fails the whole group at once when the error is not worth retrying write by write', async () => {
    const w = controlledWriter((i) => i === 3);
    const g = new GroupCommit(w.writeAll, { maxInFlight: 1, maxBatch: 10, retryAlone: () => false });
    const results = [1, 2, 3, 4].map((i) =>
      g.write(i).then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    await w.finishAll();
    expect(await Promise.all(results)).toEqual([
      'ok',
      'bad write in 2,3,4',
      'bad write in 2,3,4',
      'bad write in 2,3,4',
    ]);
    expect(w.statements).toEqual([[1], [2, 3, 4]]);
    expect(g.stats.retriedAlone).toBe(0);
  });

  it('refuses options below one', () => {
    expect(() => new GroupCommit(async () => undefined, { maxInFlight: 0, maxBatch: 1 })).toThrow('at least 1');
    expect(() => new GroupCommit(async () => undefined, { maxInFlight: 2, maxBatch: Number('sixty') })).toThrow(
      'integers',
    );
  });
});
