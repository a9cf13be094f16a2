import fs from 'node:fs';
import path from 'node:path';
import { followUpPermitsFor, followUpRules, parseFollowUpRules } from './follow-up-permits';

describe('follow-up permits from the business scope (R9)', () => {
  it('finds every item whose keywords the scope mentions', () => {
    const permits = followUpPermitsFor('餐饮服务；预包装食品销售；美容美发服务；技术开发');
    expect(permits.map((p) => p.itemCode)).toEqual(['XK-SCJG-001', 'XK-WJ-001']);
    expect(permits[0]!.matchedKeywords).toEqual(['餐饮', '食品销售', '预包装食品']);
    expect(followUpPermitsFor('技术开发、技术咨询')).toEqual([]);
  });

  it('refuses a malformed mapping', () => {
    expect(() => parseFollowUpRules({ permits: [{ itemCode: 'food', keywords: [] }] })).toThrow(
      /invalid follow-up permit data/,
    );
  });

  // The catalogue (intake) is the source of truth for items: every code mapped here must exist there,
  // with the same name and department. The shared reference data when it is beside the checkout, else
  // intake's verbatim copy of it in the repo (a data file, not code: apps still import no apps).
  const shared = path.resolve(__dirname, '../../../../../shared/data/catalogue-sample.json');
  const inRepo = path.resolve(__dirname, '../../../intake/data/catalogue/catalogue-sample.json');
  it('maps only items of the catalogue sample', () => {
    const catalogue = JSON.parse(fs.readFileSync(fs.existsSync(shared) ? shared : inRepo, 'utf8')) as {
      items: { code: string; name: string; department: string }[];
    };
    for (const r of followUpRules) {
      expect(catalogue.items).toContainEqual(
        expect.objectContaining({ code: r.itemCode, name: r.itemName, department: r.department }),
      );
    }
  });
});
