import * as fs from 'fs';
import * as path from 'path';
import {
  divisionLevel,
  divisionName,
  isDivisionCode,
  isWithin,
  parentDivision,
  parseTianjinDivisions,
  tianjinDivisions,
} from './division';

const repoRoot = path.resolve(__dirname, '../../..');
const repoCopyPath = path.join(repoRoot, 'libs/codes/data/tianjin-divisions.json');
// The team's shared data folder sits beside the repo on dev machines; a fresh clone does not have it.
const sharedSourcePath = path.resolve(repoRoot, '../shared/data/tianjin-divisions.json');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

function expectWellFormed(raw: unknown): void {
  const data = parseTianjinDivisions(raw);
  expect(data.city).toEqual({ code: '120000', name: '天津市', nameEn: 'Tianjin' });
  expect(data.districts).toHaveLength(16);
  expect(data.districts.map((d) => d.name)).toEqual(expect.arrayContaining(['和平区', '滨海新区', '蓟州区']));
}

describe('data/tianjin-divisions.json', () => {
  const repoCopy = readJson(repoCopyPath);

  it('has not drifted from the shared source (or, without one, is well-formed)', () => {
    if (fs.existsSync(sharedSourcePath)) expect(repoCopy).toEqual(readJson(sharedSourcePath));
    else expectWellFormed(repoCopy);
  });

  it('is well-formed', () => {
    expectWellFormed(repoCopy);
  });

  it('rejects malformed data, listing every problem', () => {
    const broken = JSON.parse(JSON.stringify(repoCopy)) as {
      districts: Array<{ code: string }>;
      sampleStreets: Array<{ district: string }>;
    };
    broken.districts[1]!.code = '130102';
    broken.sampleStreets[0]!.district = '120199';
    expect(() => parseTianjinDivisions(broken)).toThrow(/130102[^]*120101001/);
    expect(() => parseTianjinDivisions(null)).toThrow(TypeError);
    expect(() =>
      parseTianjinDivisions({ source: 's', city: tianjinDivisions.city, districts: [], sampleStreets: [] }),
    ).toThrow(/non-empty/);
  });
});

describe('GB/T 2260 division codes', () => {
  it('knows the level of a code', () => {
    expect(divisionLevel('120000')).toBe('province');
    expect(divisionLevel('120100')).toBe('city');
    expect(divisionLevel('120101')).toBe('district');
    expect(divisionLevel('120116')).toBe('district');
    expect(divisionLevel('120101001')).toBe('street');
    expect(divisionLevel('130100')).toBe('city');
    expect(divisionLevel('441900003')).toBe('street'); // township directly under Dongguan, a city without districts
  });

  it('rejects codes that are not GB/T 2260 shaped', () => {
    for (const bad of ['12010', '1201010', '001010', '120001', '120000001', '120101000', '12010A', '']) {
      expect(isDivisionCode(bad)).toBe(false);
      expect(() => divisionLevel(bad)).toThrow(/invalid division code/);
    }
  });

  it('finds the parent; a municipality district goes straight to the municipality', () => {
    expect(parentDivision('120101001')).toBe('120101');
    expect(parentDivision('120101')).toBe('120000');
    expect(parentDivision('120100')).toBe('120000');
    expect(parentDivision('120000')).toBeUndefined();
    expect(parentDivision('130102')).toBe('130100');
    expect(parentDivision('500101')).toBe('500000');
  });

  it('tells whether a code lies within another, itself included', () => {
    expect(isWithin('120101001', '120101')).toBe(true);
    expect(isWithin('120101001', '120000')).toBe(true);
    expect(isWithin('120101', '120000')).toBe(true);
    expect(isWithin('120101', '120100')).toBe(true);
    expect(isWithin('120101', '120101')).toBe(true);
    expect(isWithin('120101001', '120102')).toBe(false);
    expect(isWithin('120000', '120101')).toBe(false);
    expect(isWithin('130102', '120000')).toBe(false);
    expect(isWithin('120101001', '120101002')).toBe(false);
  });

  it('names Tianjin codes', () => {
    expect(divisionName('120000')).toBe('天津市');
    expect(divisionName('120101')).toBe('和平区');
    expect(divisionName('120116')).toBe('滨海新区');
    expect(divisionName('120101003')).toBe('五大道街道');
    expect(divisionName('110101')).toBeUndefined();
  });

  it('exposes the typed data', () => {
    expect(tianjinDivisions.sampleStreets.every((s) => isWithin(s.code, s.district))).toBe(true);
    expect(tianjinDivisions.districts.every((d) => parentDivision(d.code) === tianjinDivisions.city.code)).toBe(true);
  });
});
