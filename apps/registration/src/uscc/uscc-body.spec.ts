import { orgCodeCheckChar, validateUscc } from '@onewindow/codes';
import { MAX_BODY_SEQUENCE, sequenceName, usccFromSequence } from './uscc-body';

describe('USCC from a division sequence (R3)', () => {
  it('gives valid codes with both check characters, authority 9, type 1, the division', () => {
    const u = usccFromSequence('120101', 1);
    expect(u).toMatch(/^91120101MA000001[0-9X][0-9A-HJ-NPQRTUWXY]$/);
    expect(validateUscc(u)).toEqual({ valid: true });
    expect(u[16]).toBe(orgCodeCheckChar(u.slice(8, 16)));
  });

  it('never uses the excluded letters, and distinct sequences give distinct codes', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 5000; n++) {
      const u = usccFromSequence('120191', n * 7919);
      expect(u).not.toMatch(/[IOSVZ]/);
      expect(validateUscc(u).valid).toBe(true);
      seen.add(u);
    }
    expect(seen.size).toBe(5000);
  });

  it('refuses sequences out of range and malformed divisions', () => {
    expect(() => usccFromSequence('120101', 0)).toThrow(RangeError);
    expect(() => usccFromSequence('120101', MAX_BODY_SEQUENCE + 1)).toThrow(RangeError);
    expect(usccFromSequence('120101', MAX_BODY_SEQUENCE)).toMatch(/^91120101MAYYYYYY/);
    expect(() => sequenceName('12010; drop')).toThrow(RangeError);
  });
});
