import tianjinJson from '../data/tianjin-divisions.json';

/**
 * GB/T 2260 administrative division codes. 6 digits: PPCCDD (province, city, district); the
 * 9-digit form adds 3 digits for a street (街道) or township (乡镇).
 */
export type DivisionLevel = 'province' | 'city' | 'district' | 'street';

export interface Division {
  code: string;
  name: string;
  nameEn: string;
}

export interface StreetDivision {
  code: string;
  /** Code of the district the street belongs to. */
  district: string;
  name: string;
}

export interface TianjinDivisions {
  source: string;
  city: Division;
  districts: Division[];
  /** Real street names of Heping district with illustrative codes; see `source`. */
  sampleStreets: StreetDivision[];
}

// Beijing, Tianjin, Shanghai, Chongqing: the province is also the city, so districts sit right under it.
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

const DEPTH: Record<DivisionLevel, number> = { province: 0, city: 1, district: 2, street: 3 };
/** Digits shared by every code inside a division of each depth. */
const PREFIX = [2, 4, 6, 9];

export function isDivisionCode(code: string): boolean {
  return levelOf(code) !== undefined;
}

export function divisionLevel(code: string): DivisionLevel {
  const level = levelOf(code);
  if (!level) throw invalid(code);
  return level;
}

/**
 * The enclosing division, undefined for a province. A municipality's district goes straight to the
 * municipality (120101 -> 120000): its xx0100 code (市辖区) is a statistical grouping, not a government.
 */
export function parentDivision(code: string): string | undefined {
  switch (divisionLevel(code)) {
    case 'province':
      return undefined;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'district':
      return MUNICIPALITIES.has(code.slice(0, 2)) ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
    case 'street':
      return code.slice(0, 6);
  }
}

/**
 * Whether `code` lies inside `ancestor`, the ancestor itself included (a district office handles
 * cases filed at district level). Decided by code prefix, so 120101 is also within 120100.
 */
export function isWithin(code: string, ancestor: string): boolean {
  const [level, ancestorLevel] = [divisionLevel(code), divisionLevel(ancestor)];
  const depth = DEPTH[ancestorLevel];
  return DEPTH[level] >= depth && code.slice(0, PREFIX[depth]!) === ancestor.slice(0, PREFIX[depth]!);
}

/** Checks the file's shape and codes at load time, so a bad hand edit fails on startup, not on a lookup. */
export function parseTianjinDivisions(raw: unknown): TianjinDivisions {
  if (!isRecord(raw)) throw new TypeError('行政区划数据无效 (invalid division data): root must be an object');
  const problems: string[] = [];
  if (typeof raw['source'] !== 'string' || raw['source'].trim() === '')
    problems.push('"source" must be a non-empty string');
  const city = raw['city'];
  const cityOk = isDivision(city) && levelOf(city.code) === 'province';
  if (!cityOk) problems.push('"city" must be a province-level entry with code, name, nameEn');
  const seen = new Set<string>();
  const unique = (code: string): void => {
    if (seen.has(code)) problems.push(`${code} is listed twice`);
    seen.add(code);
  };

  const districts = Array.isArray(raw['districts']) ? (raw['districts'] as unknown[]) : [];
  if (districts.length === 0) problems.push('"districts" must be a non-empty array');
  for (const d of districts) {
    if (isDivision(d) && levelOf(d.code) === 'district' && cityOk && isWithin(d.code, city.code)) unique(d.code);
    else problems.push(`district ${JSON.stringify(d)} must be a district-level entry inside the city`);
  }
  const districtCodes = new Set(districts.filter(isDivision).map((d) => d.code));

  if (!Array.isArray(raw['sampleStreets'])) problems.push('"sampleStreets" must be an array');
  for (const s of Array.isArray(raw['sampleStreets']) ? (raw['sampleStreets'] as unknown[]) : []) {
    const ok =
      isRecord(s) &&
      typeof s['name'] === 'string' &&
      s['name'] !== '' &&
      typeof s['code'] === 'string' &&
      typeof s['district'] === 'string' &&
      levelOf(s['code']) === 'street' &&
      districtCodes.has(s['district']) &&
      s['code'].startsWith(s['district']);
    if (ok) unique(s['code'] as string);
    else problems.push(`street ${JSON.stringify(s)} must have a 9-digit code starting with a listed district`);
  }
  if (problems.length > 0) throw new TypeError(`行政区划数据无效 (invalid division data):\n- ${problems.join('\n- ')}`);
  return raw as unknown as TianjinDivisions;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDivision(value: unknown): value is Division {
  return isRecord(value) && ['code', 'name', 'nameEn'].every((k) => typeof value[k] === 'string' && value[k] !== '');
}

export const tianjinDivisions: TianjinDivisions = parseTianjinDivisions(tianjinJson);

const names = new Map<string, string>([
  [tianjinDivisions.city.code, tianjinDivisions.city.name],
  ...tianjinDivisions.districts.map((d): [string, string] => [d.code, d.name]),
  ...tianjinDivisions.sampleStreets.map((s): [string, string] => [s.code, s.name]),
]);

/** Chinese name from the Tianjin data; undefined for codes outside it. */
export function divisionName(code: string): string | undefined {
  return names.get(code);
}

function levelOf(code: string): DivisionLevel | undefined {
  if (typeof code !== 'string') return undefined;
  if (/^\d{9}$/.test(code)) {
    const level = levelOf(code.slice(0, 6));
    // Townships sit under a district, or directly under a city without districts (e.g. Dongguan 441900).
    return (level === 'district' || level === 'city') && code.slice(6) !== '000' ? 'street' : undefined;
  }
  if (!/^\d{6}$/.test(code) || code.startsWith('00')) return undefined;
  const [city, district] = [code.slice(2, 4), code.slice(4, 6)];
  if (city === '00') return district === '00' ? 'province' : undefined;
  return district === '00' ? 'city' : 'district';
}

function invalid(code: string): RangeError {
  return new RangeError(
    `行政区划代码无效，应为 6 位或 9 位 GB/T 2260 代码 (invalid division code, expected 6 or 9 GB/T 2260 digits): ${JSON.stringify(code)}`,
  );
}
