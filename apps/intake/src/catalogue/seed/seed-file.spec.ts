import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ItemDefinition } from '../catalogue.types';
import { normaliseMaterialName } from '../rules/material-name';
import { mergeBundleMaterials } from '../rules/bundle-merge';
import { catalogueSeed, seedProblems, type SeedFile } from './seed-file';

const DATA = path.resolve(__dirname, '../../../data/catalogue');
const sample = JSON.parse(readFileSync(path.join(DATA, 'catalogue-sample.json'), 'utf8'));
const current = (code: string): ItemDefinition => {
  const item = catalogueSeed.items.find((i) => i.versions.at(-1)!.definition.code === code);
  if (!item) throw new Error(`no seed item ${code}`);
  return item.versions.at(-1)!.definition;
};
const published = catalogueSeed.items.filter((i) => i.state === 'published').map((i) => i.versions.at(-1)!.definition);

describe('catalogue seed (C6)', () => {
  it('is valid: API validation, publication rules, unique codes, bundles naming seeded items', () => {
    expect(seedProblems(catalogueSeed)).toEqual([]);
  });

  it('reports broken seed data, all at once', () => {
    const broken: SeedFile = JSON.parse(JSON.stringify(catalogueSeed));
    broken.items[0].versions.at(-1)!.definition.promisedLimitDays = 99;
    broken.items[1].versions[0].definition.materials[0].form = 'photocopy' as never;
    broken.items.push(broken.items[2]);
    broken.bundles[0].items.push('XK-NOPE-001');
    const problems = seedProblems(broken);
    expect(problems.join('\n')).toMatch(/promised-exceeds-legal/);
    expect(problems.join('\n')).toMatch(/materials\.0\.form/);
    expect(problems.join('\n')).toMatch(/duplicate item code/);
    expect(problems.join('\n')).toMatch(/unknown item XK-NOPE-001/);
  });

  it('keeps a verbatim copy of the shared sample when the shared folder is there', () => {
    const shared = path.resolve(__dirname, '../../../../../../shared/data/catalogue-sample.json');
    let original: string;
    try {
      original = readFileSync(shared, 'utf8');
    } catch {
      return; // a checkout without the team's shared folder
    }
    expect(readFileSync(path.join(DATA, 'catalogue-sample.json'), 'utf8')).toBe(original);
  });

  it('maps every sample item faithfully (names of materials standardised only where the notes say)', () => {
    expect(catalogueSeed.departments).toEqual(sample.departments);
    for (const s of sample.items) {
      const d = current(s.code);
      expect({
        code: d.code,
        name: d.name,
        kind: d.kind,
        level: d.level,
        department: d.department,
        legalBasis: d.legalBasis,
        legalLimitDays: d.legalLimitDays,
        promisedLimitDays: d.promisedLimitDays,
        mode: d.mode,
        online: d.online,
        visits: d.visits,
      }).toEqual({
        code: s.code,
        name: s.name,
        kind: s.kind,
        level: s.level,
        department: s.department,
        legalBasis: s.legalBasis,
        legalLimitDays: s.legalLimitDays,
        promisedLimitDays: s.promisedLimitDays,
        mode: s.mode,
        online: s.online,
        visits: s.visits,
      });
      expect(d.idCardOnly).toBe(s.idCardOnly ?? false);
      expect(d.specialProcedures).toEqual(s.specialProcedures ?? []);
      expect(d.fees).toEqual([]);
      s.materials.forEach(
        (m: { name: string; required: string; form: string; copies: number; eLicence?: boolean }, i: number) => {
          const seeded = d.materials[i];
          const renamed =
            s.code === 'XK-WJ-001' && m.name === '法定代表人或负责人身份证明' ? '法定代表人（负责人）身份证明' : m.name;
          expect([seeded.name, seeded.requirement, seeded.form, seeded.copies, seeded.eLicence ?? false]).toEqual([
            renamed,
            m.required,
            m.form,
            m.copies,
            m.eLicence ?? false,
          ]);
        },
      );
    }
    const extra = current('XK-CG-001').materials.slice(
      sample.items.find((i: { code: string }) => i.code === 'XK-CG-001').materials.length,
    );
    expect(extra.map((m) => m.name)).toEqual(['营业执照']);
    expect(catalogueSeed.bundles.map((b) => [b.code, b.name, b.items])).toEqual(
      sample.bundles.map((b: { code: string; name: string; items: string[] }) => [b.code, b.name, b.items]),
    );
  });

  it('shows every path of the life cycle', () => {
    const instant = published.filter((d) => d.mode === 'instant');
    expect(instant.length).toBeGreaterThanOrEqual(2);
    for (const d of instant) expect(d.promisedLimitDays).toBe(0);
    expect(instant.some((d) => /补领|打印/.test(d.name))).toBe(true); // a reprint / certificate print
    expect(published.some((d) => d.specialProcedures.includes('site-inspection'))).toBe(true);
    expect(published.some((d) => d.specialProcedures.includes('expert-review'))).toBe(true);
    const gap = published.filter((d) => d.gapAcceptanceDays === 60);
    expect(gap.length).toBeGreaterThanOrEqual(2);
    for (const d of gap) expect(d.materials.some((m) => m.requirement === 'secondary')).toBe(true);
    const fees = published.flatMap((d) => d.fees);
    expect(fees).toContainEqual(expect.objectContaining({ name: '不动产登记费（住宅类）', amountFen: 8000 }));
    expect(fees.length).toBeGreaterThanOrEqual(2);
    const idOnly = published.filter(
      (d) => d.idCardOnly && d.materials.length === 1 && d.materials[0].name === '居民身份证',
    );
    expect(idOnly.length).toBeGreaterThanOrEqual(2);
    expect(published.some((d) => d.level === 'district' && d.receivableAt.includes('street'))).toBe(true);
    expect(
      published.some(
        (d) => d.level === 'city' && d.receivableAt.includes('district') && d.receivableAt.includes('street'),
      ),
    ).toBe(true);
    expect(published.some((d) => d.twoStepReview)).toBe(true);
    expect(published.some((d) => !d.twoStepReview)).toBe(true);
    const withdrawn = catalogueSeed.items.filter((i) => i.state === 'withdrawn');
    expect(withdrawn).toHaveLength(1);
    expect(catalogueSeed.items.some((i) => i.versions.length > 1)).toBe(true);
  });

  it('bundles ask for shared materials once', () => {
    for (const b of catalogueSeed.bundles) {
      const merged = mergeBundleMaterials(b.items.map(current));
      const total = b.items.reduce((n, c) => n + current(c).materials.length, 0);
      expect(merged.length).toBeLessThan(total);
      expect(new Set(merged.map((m) => normaliseMaterialName(m.name))).size).toBe(merged.length);
    }
    const restaurant = mergeBundleMaterials(
      catalogueSeed.bundles.find((b) => b.code === 'YJS-001')!.items.map(current),
    );
    expect(restaurant.find((m) => m.name === '营业执照')).toMatchObject({
      requirement: 'primary',
      usedBy: ['XK-SCJG-001', 'XK-CG-001'],
    });
    expect(restaurant.find((m) => m.name === '法定代表人（负责人）身份证明')?.usedBy).toEqual([
      'XK-SCJG-001',
      'XK-WJ-001',
    ]);
  });
});
