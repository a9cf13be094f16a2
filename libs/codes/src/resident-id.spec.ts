import { InvalidCodeError } from './reason';
import { parseResidentId, residentIdCheckChar, validateResidentId } from './resident-id';

// Check characters of the synthetic numbers below were computed independently (Python) from the
// GB 11643 formula, so each test exercises exactly the one rule it names.
const reasonCodes = (id: string, today?: Date): string[] => {
  const r = validateResidentId(id, { today });
  return r.valid ? [] : r.reasons.map((x) => x.code);
};

describe('GB 11643 resident identity number', () => {
  it("accepts the standard's own example 11010519491231002X", () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(validateResidentId('11010519491231002X')).toEqual({ valid: true });
    expect(parseResidentId('11010519491231002X')).toEqual({
      division: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('reads the sex from the parity of the sequence', () => {
    expect(parseResidentId('120101199003071235').sex).toBe('male');
    expect(parseResidentId('120101199003071243').sex).toBe('female');
  });

  it('reports a wrong check character', () => {
    expect(reasonCodes('110105194912310021')).toEqual(['check-char']);
    expect(reasonCodes('120101199003071234')).toEqual(['check-char']);
  });

  it('reports a birth date that is not a real date (1999-02-30)', () => {
    expect(reasonCodes('120101199902301233')).toEqual(['birth-date']);
  });

  it('reports every problem at once', () => {
    expect(reasonCodes('120101199902301234')).toEqual(['birth-date', 'check-char']);
    expect(reasonCodes('990101199902301234')).toEqual(['division', 'birth-date', 'check-char']);
  });

  it('reports a birth date in the future, judged by the date in Shanghai', () => {
    const today = new Date('2025-05-31T16:00:00Z'); // 2025-06-01 00:00 in Shanghai
    expect(reasonCodes('120101202506011239', today)).toEqual([]);
    expect(reasonCodes('120101202506021234', today)).toEqual(['birth-date-future']);
    expect(reasonCodes('120101202506021234', new Date('2025-06-01T16:00:00Z'))).toEqual([]);
    expect(reasonCodes('120101203001011238')).toEqual(['birth-date-future']);
  });

  it('reports a birth date before 1900', () => {
    expect(reasonCodes('120101189912311233')).toEqual(['birth-date-before-1900']);
    expect(reasonCodes('120101190001010024')).toEqual([]);
  });

  it('reports an unknown province prefix', () => {
    expect(reasonCodes('990101199003071237')).toEqual(['division']);
  });

  it('asks for an uppercase X', () => {
    const r = validateResidentId('11010519491231002x');
    expect(r.valid).toBe(false);
    if (!r.valid)
      expect(r.reasons).toEqual([
        { code: 'charset', message: '校验码 X 应为大写 (the check character X must be uppercase)' },
      ]);
  });

  it('reports length and charset, and explains that 15-digit numbers are obsolete', () => {
    expect(reasonCodes('1101051949123100')).toEqual(['length']);
    expect(reasonCodes('11010519491231A02X')).toEqual(['charset']);
    expect(reasonCodes('1101051949123A02X')).toEqual(['length', 'charset']);
    const r = validateResidentId('110105491231002');
    expect(r.valid || r.reasons[0]!.message).toMatch(/15 位一代证.*first-generation/);
  });

  it('parseResidentId throws InvalidCodeError with the reasons', () => {
    expect(() => parseResidentId('120101199902301234')).toThrow(InvalidCodeError);
    try {
      parseResidentId('120101199902301234');
    } catch (e) {
      expect((e as InvalidCodeError).reasons.map((r) => r.code)).toEqual(['birth-date', 'check-char']);
      expect((e as Error).message).toContain('出生日期不是真实日期 (birth date is not a real date): 19990230');
    }
  });

  it('refuses to compute a check character from bad input', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
  });
});
