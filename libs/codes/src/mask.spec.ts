import { maskPhone, maskResidentId } from './mask';

describe('masking for display', () => {
  it('keeps the division and last 4 of a resident ID', () => {
    expect(maskResidentId('120101199003071234')).toBe('120101********1234');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the first 3 and last 4 of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks everything when a value is too short to hide enough', () => {
    expect(maskResidentId('1234567890')).toBe('**********');
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('')).toBe('');
  });
});
