import type { RegistrationFormDto } from '../form/dto/registration-form.dto';

/*
 * Valid forms for tests and the benchmark. Resident IDs: 11010519491231002X is the GB 11643 example,
 * 120101199003071235 a made-up number with a valid check character; 91120101MA05T8K25N a made-up USCC
 * with valid check characters (the demo identities use the same ones).
 */
export const FOUNDER_ID = '120101199003071235';
export const OTHER_ID = '11010519491231002X';
export const ENGRAVER_USCC = '91120101MA05T8K25N';

// Four pools of ten characters, one per position: two trade names built from different numbers differ
// in at least two positions (the fourth character is a check digit over the other three) and can never
// be a reordering or a part of each other, so generated names are never "similar" (name-similarity.ts).
const POOLS = ['甲乙丙丁戊己庚辛壬癸', '金木水火土日月星云雨', '春夏秋冬东南西北中和', '梅兰竹菊松柏桃李杏桂'];

/** A trade name of four Chinese characters for a number 0..999, never similar to another's. */
export function tradeNameFor(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError('0..999');
  const d = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const check = (d[0]! + d[1]! + d[2]!) % 10;
  return [...d, check].map((x, i) => POOLS[i]![x]).join('');
}

export function validForm(overrides: Partial<RegistrationFormDto> = {}, tradeName = '海河'): RegistrationFormDto {
  return {
    authorityDivision: '120101',
    nameCandidates: [`天津${tradeName}科技有限公司`],
    registeredCapitalFen: 100_000_000,
    businessScope: '技术开发、技术咨询、技术服务；软件开发',
    domicile: { division: '120101', address: '天津市和平区南京路 100 号' },
    legalRepresentative: { name: '李四', phone: '13812345678', residentId: FOUNDER_ID },
    shareholders: [
      {
        kind: 'natural-person',
        name: '李四',
        idNumber: FOUNDER_ID,
        shareBasisPoints: 6000,
        contributionFen: 60_000_000,
        contributionDueOn: '2031-12-31',
      },
      {
        kind: 'enterprise',
        name: '天津市和平区示例科技有限公司',
        idNumber: ENGRAVER_USCC,
        shareBasisPoints: 4000,
        contributionFen: 40_000_000,
        contributionDueOn: '2031-12-31',
      },
    ],
    seal: {
      seals: ['official', 'finance', 'invoice'],
      engraverUscc: ENGRAVER_USCC,
      engraverName: '天津市和平区示例刻章有限公司',
    },
    tax: {
      taxpayerType: 'small-scale',
      invoices: [{ kind: 'e-invoice', quantity: 25, maxAmountFen: 10_000_000 }],
      financeContact: { name: '王五', phone: '13912345678' },
    },
    socialInsurance: { employees: 5, insuredFrom: '2026-12-01', contact: { name: '赵六', phone: '13712345678' } },
    statistics: { industryCode: 'I6513', employees: 5, expectedAnnualRevenueFen: 500_000_000 },
    ...overrides,
  } as RegistrationFormDto;
}
