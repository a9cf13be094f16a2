import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth by UTF-16 code units and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { z: [1, { y: '中文', x: null }], c: 'text' }, B: true })).toBe(
      '{"B":true,"a":{"c":"text","z":[1,{"x":null,"y":"中文"}]},"b":1}',
    );
  });

  it('drops undefined members, writes undefined in an array as null, and gives the same text whatever the key order', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 2] })).toBe('{"b":[null,2]}');
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });

  it('writes scalars as JSON.stringify does (escapes included)', () => {
    expect(canonicalJson('a"b\n')).toBe(JSON.stringify('a"b\n'));
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
