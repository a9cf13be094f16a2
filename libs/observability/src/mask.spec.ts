import { maskPersonalData, maskText } from './mask';

describe('personal data masking (S6)', () => {
  it('masks resident ID numbers and mobile numbers inside free text', () => {
    expect(maskText('申请人 11010519491231002X 电话 13812345678')).toBe('申请人 110105********002X 电话 138****5678');
  });
  it('masks nested values and leaves other numbers alone', () => {
    const out = maskPersonalData({
      applicant: { idNumber: '110105194912310021', phone: '13900001111' },
      caseNo: '12010120261123IN000042',
      amount: 12,
    });
    expect(out).toEqual({
      applicant: { idNumber: '110105********0021', phone: '139****1111' },
      caseNo: '12010120261123IN000042',
      amount: 12,
    });
  });
});
