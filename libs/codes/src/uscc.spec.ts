import { orgCodeCheckChar } from './org-code';
import { InvalidCodeError } from './reason';
import {
  MAX_USCC_SEQUENCE,
  generateUscc,
  orgCodeBodyFromSequence,
  parseUscc,
  usccCheckChar,
  validateUscc,
} from './uscc';

/**
 * Real, publicly displayed codes (business licences, annual reports), recalled from memory and
 * kept only because both the GB 11714 check (position 17) and the GB 32100 check (position 18)
 * verify: a misremembered code passes both with odds of about 1 in 341. Names are as recalled.
 */
const REAL_USCCS: Array<[string, string]> = [
  ['91110000600037341L', 'a Beijing company (example supplied with the task)'],
  ['914403001922038216', 'Huawei Technologies Co., Ltd. 华为技术有限公司'],
  ['9144030071526726XG', 'Shenzhen Tencent Computer Systems Co., Ltd. 深圳市腾讯计算机系统有限公司 (org-code check X)'],
  ['91330100716105852F', 'Alibaba (China) Co., Ltd. 阿里巴巴（中国）有限公司'],
  ['91110000802100433B', 'Beijing Baidu Netcom Science and Technology Co., Ltd. 北京百度网讯科技有限公司'],
  ['91440300192317458F', 'BYD Company Limited 比亚迪股份有限公司'],
  ['91520000214434146R', 'Kweichow Moutai Co., Ltd. 贵州茅台酒股份有限公司'],
  ['91110000710925462X', 'PetroChina Company Limited 中国石油天然气股份有限公司 (USCC check X)'],
  [
    '91100000100003962T',
    'Industrial and Commercial Bank of China 中国工商银行股份有限公司 (central-level division 100000)',
  ],
  ['91110108551385082Q', 'Xiaomi Inc. 小米科技有限责任公司'],
];

const reasonCodes = (code: string): string[] => {
  const r = validateUscc(code);
  return r.valid ? [] : r.reasons.map((x) => x.code);
};

describe('GB 32100 unified social credit code: validation', () => {
  it.each(REAL_USCCS)('accepts %s (%s)', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true });
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
  });

  it('rejects 911200001030661436 (supplied with the task as a Tianjin code): both check characters fail', () => {
    expect(reasonCodes('911200001030661436')).toEqual(['org-code-check', 'check-char']);
    expect(usccCheckChar('91120000103066143')).toBe('D');
  });

  it('reports a wrong check character alone', () => {
    expect(reasonCodes('91110000600037341M')).toEqual(['check-char']);
  });

  it('reports a broken organisation-code part as its own reason', () => {
    const first17 = '9111000060003734' + '2';
    expect(reasonCodes(first17 + usccCheckChar(first17))).toEqual(['org-code-check']);
    expect(reasonCodes(first17 + 'L')).toEqual(['org-code-check', 'check-char']);
  });

  it('reports a division that is not 6 digits', () => {
    const first17 = '91A1000060003734' + '1';
    expect(reasonCodes(first17 + usccCheckChar(first17))).toEqual(['division']);
  });

  it('reports excluded letters and lowercase, naming the positions', () => {
    const r = validateUscc('91110000600O37341l');
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.reasons.map((x) => x.code)).toEqual(['charset']);
    expect(r.reasons[0]!.message).toContain('第 12 位“O”');
    expect(r.reasons[0]!.message).toContain('"l" at 18');
    for (const letter of 'IOSVZ') expect(reasonCodes(`9${letter}110000600037341L`)).toContain('charset');
  });

  it('reports every problem at once: length and charset', () => {
    expect(reasonCodes('91110000600O37341')).toEqual(['length', 'charset']);
    expect(reasonCodes('')).toEqual(['length']);
  });

  it('explains in Chinese with English', () => {
    const r = validateUscc('91110000600037341M');
    expect(r.valid || r.reasons[0]!.message).toBe('第 18 位校验码错误 (check character mismatch)');
  });

  it('parses a valid code into its parts', () => {
    expect(parseUscc('914403001922038216')).toEqual({
      authority: '9',
      entityType: '1',
      division: '440300',
      orgCode: '192203821',
      checkChar: '6',
    });
  });

  it('throws InvalidCodeError carrying the reasons when parsing an invalid code', () => {
    try {
      parseUscc('911200001030661436');
      throw new Error('expected InvalidCodeError');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidCodeError);
      expect((e as InvalidCodeError).reasons.map((r) => r.code)).toEqual(['org-code-check', 'check-char']);
      expect((e as Error).message).toMatch(/^无效的统一社会信用代码 \(invalid unified social credit code\)/);
    }
  });

  it('refuses to compute a check character from bad input', () => {
    expect(() => usccCheckChar('9111000060003734')).toThrow(RangeError);
    expect(() => usccCheckChar('9111000060003734I')).toThrow(RangeError);
  });
});

describe('generateUscc', () => {
  const base = { authority: '9', entityType: '1', division: '120101' } as const;

  it('builds a valid code from a given organisation-code body', () => {
    expect(generateUscc({ ...base, orgCodeBody: '19220382' })).toBe('91120101192203821X');
    expect(generateUscc({ ...base, orgCodeBody: 'MA05TE5T' })).toBe('91120101MA05TE5T7H');
  });

  it('derives the body from a sequence in base 31 over the code alphabet', () => {
    expect(orgCodeBodyFromSequence(0)).toBe('00000000');
    expect(orgCodeBodyFromSequence(30)).toBe('0000000Y');
    expect(orgCodeBodyFromSequence(31)).toBe('00000010');
    expect(orgCodeBodyFromSequence(42)).toBe('0000001B');
    expect(orgCodeBodyFromSequence(MAX_USCC_SEQUENCE)).toBe('YYYYYYYY');
    expect(generateUscc({ ...base, sequence: 0 })).toBe('911201010000000006');
    expect(generateUscc({ ...base, sequence: 42 })).toBe('911201010000001B7W');
  });

  it('gives distinct, valid codes for distinct sequences and never uses I, O, S, V, Z', () => {
    const sequences = [
      ...Array.from({ length: 3000 }, (_, i) => i),
      31 ** 4,
      31 ** 7 + 12345,
      MAX_USCC_SEQUENCE - 1,
      MAX_USCC_SEQUENCE,
    ];
    const codes = sequences.map((sequence) => generateUscc({ ...base, sequence }));
    expect(new Set(codes).size).toBe(sequences.length);
    for (const code of codes) {
      expect(code).not.toMatch(/[IOSVZ]/);
      expect(validateUscc(code)).toEqual({ valid: true });
    }
  });

  it('produces valid codes whose organisation-code check character is X', () => {
    const withX = Array.from({ length: 200 }, (_, sequence) => generateUscc({ ...base, sequence })).filter(
      (c) => c[16] === 'X',
    );
    expect(withX.length).toBeGreaterThan(0);
    for (const code of withX) expect(validateUscc(code)).toEqual({ valid: true });
  });

  it('rejects a body with excluded or lowercase letters, or of the wrong length', () => {
    expect(() => generateUscc({ ...base, orgCodeBody: 'MA05TEST' })).toThrow(/orgCodeBody/);
    expect(() => generateUscc({ ...base, orgCodeBody: 'ma05te5t' })).toThrow(RangeError);
    expect(() => generateUscc({ ...base, orgCodeBody: '1922038' })).toThrow(RangeError);
  });

  it('rejects bad authority, entity type, division and sequence, listing all of them', () => {
    expect(() => generateUscc({ authority: 'S', entityType: '12', division: '12010', sequence: 1 })).toThrow(
      /authority.*entityType.*division/s,
    );
    for (const sequence of [-1, 1.5, MAX_USCC_SEQUENCE + 1, Number.NaN]) {
      expect(() => generateUscc({ ...base, sequence })).toThrow(/sequence/);
    }
  });
});
