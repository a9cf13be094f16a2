import { formatCaseNumber, parseCaseNumber, validateCaseNumber } from './case-number';
import { InvalidCodeError } from './reason';

const reasonCodes = (s: string): string[] => {
  const r = validateCaseNumber(s);
  return r.valid ? [] : r.reasons.map((x) => x.code);
};

describe('case numbers', () => {
  const parts = { division: '120101', date: '2026-11-23', service: 'IN', sequence: 42 };

  it('formats {division}{yyyymmdd}{service}{sequence}', () => {
    expect(formatCaseNumber(parts)).toBe('12010120261123IN000042');
    expect(formatCaseNumber({ ...parts, sequence: 999_999 })).toBe('12010120261123IN999999');
  });

  it('parses back what it formats', () => {
    expect(parseCaseNumber('12010120261123IN000042')).toEqual(parts);
    expect(
      parseCaseNumber(formatCaseNumber({ division: '120116', date: '2025-02-28', service: 'ZZ', sequence: 1 })),
    ).toEqual({
      division: '120116',
      date: '2025-02-28',
      service: 'ZZ',
      sequence: 1,
    });
  });

  it('refuses to format bad parts, listing all of them', () => {
    try {
      formatCaseNumber({ division: '12010', date: '2026-02-30', service: 'in', sequence: 0 });
      throw new Error('expected InvalidCodeError');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidCodeError);
      expect((e as InvalidCodeError).reasons.map((r) => r.code)).toEqual(['division', 'date', 'service', 'sequence']);
    }
    expect(() => formatCaseNumber({ ...parts, sequence: 1_000_000 })).toThrow(/流水号/);
    expect(() => formatCaseNumber({ ...parts, sequence: 4.2 })).toThrow(InvalidCodeError);
  });

  it('validates each field of a case number', () => {
    expect(reasonCodes('12010120261123IN000042')).toEqual([]);
    expect(reasonCodes('12010120261123IN00004')).toEqual(['length']);
    expect(reasonCodes('12000120261123IN000042')).toEqual(['division']);
    expect(reasonCodes('12010120260230IN000042')).toEqual(['date']);
    expect(reasonCodes('1201012026112AIN000042')).toEqual(['date']);
    expect(reasonCodes('12010120261123I1000042')).toEqual(['service']);
    expect(reasonCodes('12010120261123IN000000')).toEqual(['sequence']);
    expect(reasonCodes('12010120261123IN00004A')).toEqual(['sequence']);
    expect(reasonCodes('ABCDEF20261341in-00001')).toEqual(['division', 'date', 'service', 'sequence']);
  });

  it('explains in Chinese with English, quoting the field as written', () => {
    const r = validateCaseNumber('12010120261123IN00004A');
    expect(r.valid || r.reasons[0]!.message).toBe(
      '流水号应为 1 至 999999 的整数 (sequence must be an integer from 1 to 999999): "00004A"',
    );
    expect(() => parseCaseNumber('12010120260230IN000042')).toThrow(/^无效的办件编号 \(invalid case number\)/);
  });
});
