import { ChainedStep, GENESIS_HASH, stepHash, verifyChain } from './step-chain';

function chain(n: number) {
  const out: (ChainedStep & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const s: ChainedStep = {
      applicationId: 'a',
      seq: i,
      action: `a${i}`,
      fromState: i === 1 ? null : 'RECEIVED',
      toState: 'RECEIVED',
      actorType: 'staff',
      actorId: 's1',
      actorName: '赵敏',
      actorRole: 'window-clerk',
      actorDepartment: null,
      actorOrgUnit: 'SC-120000',
      at: new Date(Date.UTC(2026, 10, 23, 1, 0, i)),
      documentId: null,
      documentKind: null,
      documentNumber: null,
      note: null,
      detail: { b: 1, a: [1, { y: 2, x: 1 }] },
    };
    const hash = stepHash(prev, s);
    out.push({ ...s, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('timeline hash chain (S8)', () => {
  it('an untouched chain verifies', () => {
    expect(verifyChain(chain(4))).toEqual({ valid: true, steps: 4 });
    expect(verifyChain([])).toEqual({ valid: true, steps: 0 });
  });

  it('key order inside detail does not matter (jsonb reorders keys)', () => {
    const c = chain(2);
    c[1] = { ...c[1], detail: { a: [1, { x: 1, y: 2 }], b: 1 } };
    expect(verifyChain(c).valid).toBe(true);
  });

  it('an altered note, actor or time is detected at that step', () => {
    for (const change of [{ note: 'x' }, { actorId: 's2' }, { at: new Date(0) }, { toState: 'ACCEPTED' }]) {
      const c = chain(4);
      c[2] = { ...c[2], ...change };
      expect(verifyChain(c)).toMatchObject({ valid: false, brokenAtSeq: 3, reason: 'hash-mismatch' });
    }
  });

  it('a deleted or reordered step is detected', () => {
    const c = chain(4);
    expect(verifyChain([c[0], c[2], c[3]])).toMatchObject({ valid: false, brokenAtSeq: 3, reason: 'sequence-gap' });
    const re = chain(3).map((s, i, all) => (i === 1 ? { ...all[2], seq: 2 } : i === 2 ? { ...all[1], seq: 3 } : s));
    expect(verifyChain(re).valid).toBe(false);
  });

  it('a recomputed hash without fixing the next link is still detected', () => {
    const c = chain(3);
    const altered = { ...c[1], note: 'forged' };
    c[1] = { ...altered, hash: stepHash(altered.prevHash, altered) };
    expect(verifyChain(c)).toMatchObject({ valid: false, brokenAtSeq: 3, reason: 'link-mismatch' });
  });
});
