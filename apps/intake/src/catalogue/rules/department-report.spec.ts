import { departmentReport } from './department-report';

describe('C4 department report', () => {
  it('computes compression, shares and target flags per department and overall', () => {
    const r = departmentReport([
      { department: 'B', legalLimitDays: 20, promisedLimitDays: 8, visits: 0 }, // exactly 60%: counts
      { department: 'B', legalLimitDays: 20, promisedLimitDays: 10, visits: 2 }, // 50%
      { department: 'A', legalLimitDays: 20, promisedLimitDays: 5, visits: 1 }, // 75%
      { department: 'A', legalLimitDays: 1, promisedLimitDays: 0, visits: 0 }, // instant: 100%
      { department: 'B', legalLimitDays: 7, promisedLimitDays: 3, visits: 1 }, // 4/7 = 57.14%
    ]);
    expect(r.departments).toEqual([
      {
        department: 'A',
        items: 2,
        averageCompression: 0.875,
        minimumCompression: 0.75,
        shareCompressedAtLeast60: 1,
        shareAtMostOneVisit: 1,
        meetsCompressionTarget: true,
        meetsVisitTarget: true,
      },
      {
        department: 'B',
        items: 3,
        averageCompression: 0.5571, // (0.6 + 0.5 + 0.571428…) / 3
        minimumCompression: 0.5,
        shareCompressedAtLeast60: 0.3333,
        shareAtMostOneVisit: 0.6667,
        meetsCompressionTarget: false,
        meetsVisitTarget: false,
      },
    ]);
    expect(r.overall).toEqual({
      items: 5,
      averageCompression: 0.6843, // (0.6+0.5+0.75+1+0.571428…)/5
      minimumCompression: 0.5,
      shareCompressedAtLeast60: 0.6,
      shareAtMostOneVisit: 0.8,
      meetsCompressionTarget: true,
      meetsVisitTarget: false,
    });
  });

  it('a department exactly on the targets meets them', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      department: 'X',
      legalLimitDays: 20,
      promisedLimitDays: 8,
      visits: i === 0 ? 3 : 1,
    }));
    const [x] = departmentReport(rows).departments;
    expect(x).toMatchObject({
      averageCompression: 0.6,
      shareAtMostOneVisit: 0.9,
      meetsCompressionTarget: true,
      meetsVisitTarget: true,
    });
  });

  it('no items: no departments and no overall figures', () => {
    expect(departmentReport([])).toEqual({ departments: [], overall: null });
  });
});
