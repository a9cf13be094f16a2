import { principals } from '@onewindow/testing';
import { randomUUID } from 'node:crypto';
import { CatalogueReader } from '../src/catalogue/catalogue.types';
import { bootServicesTestApp, ServicesTestApp } from '../src/documents/testing/services-test-app';

const applicant = principals.citizen;
const APPLICANT = `citizen:${applicant.sub}`;

/** Fee notices against the real catalogue feature and its seed (not the fixed test items). */
describe('fees with the seeded catalogue', () => {
  let t: ServicesTestApp;

  beforeAll(async () => {
    process.env.OW_SEED_DEMO = 'true';
    t = await bootServicesTestApp('feescat', { realCatalogue: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('copies the fee items of the version the application was filed under', async () => {
    const item = await t.app.get(CatalogueReader, { strict: false }).currentVersion('QT-GH-002');
    expect(item.definition.fees.length).toBeGreaterThan(0);
    const res = await t.call('POST', '/fees/notices', principals.cityClerk, {
      applicationId: randomUUID(),
      applicationNumber: '12000020261123IN000021',
      applicantSubject: APPLICANT,
      itemCode: item.itemCode,
      itemVersion: item.version,
      issuer: '天津市行政许可服务中心',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().lines).toEqual(item.definition.fees);
    expect(res.json().totalFen).toBe(item.definition.fees.reduce((s, f) => s + f.amountFen, 0));
    const doc = (await t.call('GET', `/documents/${res.json().documentId}`, applicant)).json();
    expect(doc.fields).toMatchObject({ itemName: item.definition.name, totalFen: res.json().totalFen });
  });

  it('refuses an item of the seed that is free of charge', async () => {
    const item = await t.app.get(CatalogueReader, { strict: false }).currentVersion('XK-SCJG-001');
    expect(item.definition.fees).toEqual([]);
    const res = await t.call('POST', '/fees/notices', principals.cityClerk, {
      applicationId: randomUUID(),
      applicationNumber: '12000020261123IN000022',
      applicantSubject: APPLICANT,
      itemCode: item.itemCode,
      itemVersion: item.version,
      issuer: '中心',
    });
    expect(res.statusCode).toBe(422);
  });
});
