import { authorityForDivision } from '../authorities/authorities';
import { nameLists, parseNameLists } from './name-lists';
import { checkNameRules } from './name-rules';
import { parseName } from './name-structure';
import { compareNames, oneApartPatterns } from './name-similarity';

const city = authorityForDivision('120000')!;
const heping = authorityForDivision('120101')!;

describe('name structure: division + trade name + industry + organisation form (R2)', () => {
  it('takes a well-formed name apart, the longest industry term winning', () => {
    const r = parseName('天津海河网络科技有限公司', city, nameLists);
    expect(r).toEqual({
      parts: expect.objectContaining({
        divisionPart: '天津',
        tradeName: '海河',
        industry: '网络科技',
        form: expect.objectContaining({ form: '有限公司', enterpriseType: '有限责任公司' }),
      }),
    });
  });

  it('accepts the district prefix only at the district authority', () => {
    expect(parseName('天津市和平区海河科技有限公司', heping, nameLists)).toEqual({
      parts: expect.objectContaining({ divisionPart: '天津市和平区', tradeName: '海河' }),
    });
    // At the city authority 天津市 is the prefix and 和平区海河 would be the trade name, which ends like a division.
    expect(parseName('天津市和平区海河科技有限公司', city, nameLists)).toEqual({
      problems: [expect.objectContaining({ code: 'structure-trade-name' })],
    });
  });

  it('normalises half-width brackets and spaces', () => {
    expect(parseName(' 天津 海河科技股份有限公司', city, nameLists)).toEqual({
      parts: expect.objectContaining({
        fullName: '天津海河科技股份有限公司',
        form: expect.objectContaining({ category: 'joint-stock' }),
      }),
    });
  });

  it('lists every structural problem at once', () => {
    const r = parseName('北京海河公司', city, nameLists);
    expect('problems' in r && r.problems.map((p) => p.code)).toEqual(['structure-division', 'structure-form']);
    expect(parseName('天津海河有限公司', city, nameLists)).toEqual({
      problems: [expect.objectContaining({ code: 'structure-industry' })],
    });
    expect(parseName('天津海科技有限公司', city, nameLists)).toEqual({
      problems: [expect.objectContaining({ code: 'structure-trade-name' })],
    });
    expect(parseName('天津HaiHe科技有限公司', city, nameLists)).toEqual({
      problems: [expect.objectContaining({ code: 'structure-trade-name' })],
    });
  });
});

describe('word lists (R2)', () => {
  it('refuses forbidden words anywhere, with the reason', () => {
    const v = checkNameRules('天津第一科技有限公司', city, nameLists);
    expect(v.outcome).toBe('refused');
    expect(v.outcome === 'refused' && v.problems[0]!.message).toMatch(/第一.*misleading/);
  });

  it('sends restricted words in the trade name to a reviewer, but not industry terms', () => {
    const restricted = checkNameRules('天津中华海河科技有限公司', city, nameLists);
    expect(restricted).toEqual(
      expect.objectContaining({
        outcome: 'passed',
        reviewReasons: [expect.objectContaining({ code: 'restricted-word' })],
      }),
    );
    expect(checkNameRules('天津海河国际贸易有限公司', city, nameLists)).toEqual(
      expect.objectContaining({ outcome: 'passed', reviewReasons: [] }),
    );
  });

  it('reads the lists from data and refuses a malformed list', () => {
    expect(nameLists.forbidden.length).toBeGreaterThan(10);
    expect(() =>
      parseNameLists({
        forbidden: { words: [{ word: '' }] },
        restricted: { words: [] },
        industries: { industries: [] },
        forms: { forms: [] },
      }),
    ).toThrow(/invalid name-rule data/);
  });
});

describe('likeness of names under one authority', () => {
  const n = (tradeName: string, industry = '科技') => ({
    fullName: `天津${tradeName}${industry}有限公司`,
    tradeName,
    industry,
  });
  it.each([
    [n('海河'), n('海河'), 'identical'],
    [n('海河'), n('海河', '餐饮'), 'similar'],
    [n('海河'), n('海和'), 'similar'],
    [n('海河'), n('河海'), 'similar'],
    [n('海河'), n('海河湾'), 'similar'],
    [n('海河'), n('津门'), 'different'],
    [n('海河'), n('津门', '餐饮'), 'different'],
  ])('%j vs %j: %s', (a, b, expected) => {
    expect(compareNames(a, b)).toBe(expected);
  });

  it('builds the LIKE patterns that find names one character apart', () => {
    expect(oneApartPatterns('海河湾')).toEqual(['_河湾', '海_湾', '海河_']);
  });
});
