import { UnprocessableEntityException } from '@nestjs/common';
import { feeLinesOf } from './fee-lines';
import { FREE_ITEM, PAID_ITEM } from './testing/test-catalogue';

describe('fee lines from an item version', () => {
  it('copies every fee item and totals in fen', () => {
    expect(feeLinesOf(PAID_ITEM)).toEqual({
      lines: [
        { name: '不动产登记费（住宅）', amountFen: 8000, legalBasis: '发改价格规〔2016〕2559号' },
        { name: '证书工本费', amountFen: 1000, legalBasis: '发改价格规〔2016〕2559号' },
      ],
      totalFen: 9000,
    });
  });

  it('refuses a free item and fee items that are not positive integers with a basis', () => {
    expect(() => feeLinesOf(FREE_ITEM)).toThrow(UnprocessableEntityException);
    const bad = {
      ...PAID_ITEM,
      definition: { ...PAID_ITEM.definition, fees: [{ name: 'x', amountFen: 10.5, legalBasis: 'y' }] },
    };
    expect(() => feeLinesOf(bad)).toThrow(UnprocessableEntityException);
    const noBasis = {
      ...PAID_ITEM,
      definition: { ...PAID_ITEM.definition, fees: [{ name: 'x', amountFen: 100, legalBasis: '' }] },
    };
    expect(() => feeLinesOf(noBasis)).toThrow(UnprocessableEntityException);
  });
});
