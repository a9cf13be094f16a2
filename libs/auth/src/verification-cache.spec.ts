import { UnauthorizedException } from '@nestjs/common';
import type { Principal } from './principal';
import { VerificationCache } from './verification-cache';

describe('VerificationCache', () => {
  const principal: Principal = { type: 'citizen', sub: 'c-1', name: 'x' };
  let clock = 1_000_000_000;
  const now = () => clock;

  function fake(expSeconds?: number) {
    const calls: string[] = [];
    const verifyToken = async (t: string) => {
      calls.push(t);
      if (t === 'bad') throw new UnauthorizedException('bad');
      return { principal, payload: { exp: expSeconds } };
    };
    return { calls, verifier: { verifyToken, verify: async (t: string) => (await verifyToken(t)).principal } };
  }

  it('verifies a token once within the TTL and again after it', async () => {
    const f = fake(clock / 1000 + 3600);
    const cache = new VerificationCache(f.verifier, 30_000, 100, now);
    expect(await cache.verify('t1')).toEqual(principal);
    expect(await cache.verify('t1')).toEqual(principal);
    expect(f.calls).toEqual(['t1']);
    clock += 30_001;
    await cache.verify('t1');
    expect(f.calls).toEqual(['t1', 't1']);
  });

  it('never keeps a token past its expiry and never caches a failure', async () => {
    const f = fake(clock / 1000 + 5);
    const cache = new VerificationCache(f.verifier, 30_000, 100, now);
    await cache.verify('t2');
    clock += 5_001;
    await cache.verify('t2');
    expect(f.calls).toEqual(['t2', 't2']);
    await expect(cache.verify('bad')).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(cache.verify('bad')).rejects.toBeInstanceOf(UnauthorizedException);
    expect(f.calls.filter((c) => c === 'bad')).toHaveLength(2);
  });

  it('stays bounded', async () => {
    const f = fake(clock / 1000 + 3600);
    const cache = new VerificationCache(f.verifier, 30_000, 50, now);
    for (let i = 0; i < 200; i++) await cache.verify(`t${i}`);
    expect(cache.size).toBeLessThanOrEqual(50);
  });
});
