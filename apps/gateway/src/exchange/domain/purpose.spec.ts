import { BadRequestException } from '@nestjs/common';
import { parsePurpose } from './purpose';

describe('exchange purpose (G7)', () => {
  it('accepts 4-200 characters, ASCII, percent-encoded UTF-8 or raw UTF-8 read as Latin-1', () => {
    expect(parsePurpose('  licence check for tender 2026-001 ')).toBe('licence check for tender 2026-001');
    expect(parsePurpose(encodeURIComponent('核验投标企业资质'))).toBe('核验投标企业资质');
    expect(parsePurpose(Buffer.from('核验投标企业资质', 'utf8').toString('latin1'))).toBe('核验投标企业资质');
    expect(parsePurpose(['audit of case 12', 'second'])).toBe('audit of case 12');
  });

  it('refuses a missing, short, long or control-character purpose with 400', () => {
    for (const bad of [undefined, '', '   ', 'abc', 'x'.repeat(201), 'bad\u0001purpose', '%E5%AE']) {
      expect(() => parsePurpose(bad)).toThrow(BadRequestException);
    }
    expect(parsePurpose('核验资质')).toBe('核验资质');
  });
});
