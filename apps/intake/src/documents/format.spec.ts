import { chineseDate, maskName, yuan } from './format';

describe('document formats', () => {
  it('writes dates the way official documents do', () => {
    expect(chineseDate('2026-11-23')).toBe('2026年11月23日');
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
    expect(() => chineseDate('23/11/2026')).toThrow();
  });

  it('formats fen as yuan without floating point', () => {
    expect(yuan(8000)).toBe('80.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(123456789)).toBe('1234567.89');
    expect(() => yuan(1.5)).toThrow();
    expect(() => yuan(-1)).toThrow();
  });

  it('masks names (S6)', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('*');
    expect(maskName('Alice')).toBe('A****');
    expect(maskName('')).toBe('');
  });
});
