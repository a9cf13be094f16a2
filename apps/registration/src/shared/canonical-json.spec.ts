import { canonicalJson, sha256Hex } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 'x', y: null }], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[2,{"y":null,"z":"x"}]},"b":1}',
    );
  });

  it('gives the same bytes whatever the key order, and different ones for any change', () => {
    expect(canonicalJson({ x: '天津', y: 1 })).toBe(canonicalJson({ y: 1, x: '天津' }));
    expect(sha256Hex(canonicalJson({ x: '天津', y: 1 }))).not.toBe(sha256Hex(canonicalJson({ x: '天津', y: 2 })));
  });

  it('refuses fractions and values JSON cannot hold', () => {
    expect(() => canonicalJson({ amount: 1.5 })).toThrow(/safe integers/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/not representable/);
  });
});
