import { BlockAllocator } from './block-allocator';

describe('BlockAllocator', () => {
  it('hands out a reserved block in order and reserves again only when it is used up', async () => {
    const calls: [string, number][] = [];
    let last = 0;
    const alloc = new BlockAllocator(async (key, size) => {
      calls.push([key, size]);
      return Array.from({ length: size }, () => ++last);
    }, 3);
    const got = [];
    for (let i = 0; i < 7; i++) got.push(await alloc.next('a'));
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calls).toEqual([
      ['a', 3],
      ['a', 3],
      ['a', 3],
    ]);
  });

  it('concurrent callers share one reservation; keys are separate', async () => {
    let reservations = 0;
    const alloc = new BlockAllocator(async (key, size) => {
      reservations++;
      await new Promise((r) => setTimeout(r, 5));
      return Array.from({ length: size }, (_, i) => (key === 'x' ? 100 : 200) + i);
    }, 5);
    const got = await Promise.all([...Array(5).keys()].map(() => alloc.next('x')));
    expect(got.sort()).toEqual([100, 101, 102, 103, 104]);
    expect(reservations).toBe(1);
    expect(await alloc.next('y')).toBe(200);
  });

  it('a failed reservation fails the callers and the next call tries again', async () => {
    let fail = true;
    const alloc = new BlockAllocator(async () => {
      if (fail) throw new Error('database down');
      return [1];
    }, 1);
    await expect(alloc.next('k')).rejects.toThrow('database down');
    fail = false;
    await expect(alloc.next('k')).resolves.toBe(1);
  });
});
