import { orgCodeCheckChar, validateOrgCode } from './org-code';

describe('GB 11714 organisation code', () => {
  it('computes the check character of real organisation codes (positions 9-17 of the USCCs in uscc.spec.ts)', () => {
    expect(orgCodeCheckChar('19220382')).toBe('1'); // Huawei Technologies
    expect(orgCodeCheckChar('71526726')).toBe('X'); // Shenzhen Tencent Computer Systems: 11 - r = 10 -> X
    expect(orgCodeCheckChar('80210043')).toBe('3'); // Beijing Baidu Netcom
  });

  it("maps 11 - 0 = 11 to '0' and values letters A = 10 ... Z = 35", () => {
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('00000001')).toBe('9'); // 11 - 2
    expect(orgCodeCheckChar('A0000000')).toBe('3'); // 3 * 10 = 30; 11 - 8
    expect(orgCodeCheckChar('Z0000000')).toBe('5'); // 3 * 35 = 105 = 9 * 11 + 6; 11 - 6
  });

  it('rejects a body that is not 8 digits or uppercase letters', () => {
    expect(() => orgCodeCheckChar('1922038')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1922038a')).toThrow(/uppercase/);
  });

  it('validates real codes', () => {
    expect(validateOrgCode('192203821')).toEqual({ valid: true });
    expect(validateOrgCode('71526726X')).toEqual({ valid: true });
  });

  const codes = (code: string): string[] => {
    const r = validateOrgCode(code);
    return r.valid ? [] : r.reasons.map((x) => x.code);
  };

  it('reports a wrong check character', () => {
    expect(codes('192203822')).toEqual(['check-char']);
    expect(codes('71526726Y')).toEqual(['charset']);
  });

  it('reports length and charset together, e.g. for the printed hyphenated form', () => {
    expect(codes('19220382-1')).toEqual(['length', 'charset']);
    expect(codes('1922038')).toEqual(['length']);
    expect(codes('abcdefgh1')).toEqual(['charset']);
  });

  it('explains in Chinese and English', () => {
    const r = validateOrgCode('192203822');
    expect(r.valid || r.reasons[0]!.message).toBe('校验码错误 (check character mismatch)');
  });
});
