import { Global, Module } from '@nestjs/common';
import { NotVisibleError } from '@onewindow/http';
import { CatalogueReader, ItemDefinition, ItemVersion } from '../../catalogue/catalogue.types';

/**
 * A CatalogueReader for the fee tests, serving two fixed item versions (one with fees, one free),
 * so these tests depend only on the contract, not on the catalogue feature's seed data.
 */
const base: ItemDefinition = {
  code: 'TEST-BDC-001',
  name: '不动产登记（测试）',
  kind: 'licence',
  level: 'city',
  department: 'GTZY',
  legalBasis: ['《不动产登记暂行条例》第十四条'],
  conditions: [],
  materials: [],
  procedure: [],
  specialProcedures: [],
  legalLimitDays: 30,
  promisedLimitDays: 5,
  mode: 'promised',
  fees: [
    { name: '不动产登记费（住宅）', amountFen: 8000, legalBasis: '发改价格规〔2016〕2559号' },
    { name: '证书工本费', amountFen: 1000, legalBasis: '发改价格规〔2016〕2559号' },
  ],
  online: true,
  visits: 1,
  idCardOnly: false,
  deliveryModes: ['window'],
  receivableAt: ['city', 'district'],
  twoStepReview: false,
  gapAcceptanceDays: null,
  themes: [],
};

export const PAID_ITEM: ItemVersion = {
  itemCode: 'TEST-BDC-001',
  version: 2,
  status: 'published',
  definition: base,
  publishedAt: '2026-01-01T00:00:00Z',
};
export const FREE_ITEM: ItemVersion = {
  itemCode: 'TEST-FREE-001',
  version: 1,
  status: 'published',
  definition: { ...base, code: 'TEST-FREE-001', name: '免费事项（测试）', fees: [] },
  publishedAt: '2026-01-01T00:00:00Z',
};
const ITEMS = [PAID_ITEM, FREE_ITEM];

class FixedCatalogue extends CatalogueReader {
  async currentVersion(itemCode: string): Promise<ItemVersion> {
    const v = ITEMS.find((i) => i.itemCode === itemCode);
    if (!v) throw new NotVisibleError('事项', itemCode);
    return v;
  }
  async version(itemCode: string, version: number): Promise<ItemVersion> {
    const v = ITEMS.find((i) => i.itemCode === itemCode && i.version === version);
    if (!v) throw new NotVisibleError('事项', `${itemCode}@${version}`);
    return v;
  }
  async bundle(code: string): Promise<never> {
    throw new NotVisibleError('一件事', code);
  }
}

@Global()
@Module({ providers: [{ provide: CatalogueReader, useClass: FixedCatalogue }], exports: [CatalogueReader] })
export class TestCatalogueModule {}
