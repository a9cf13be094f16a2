import { tianjinDivisions } from '@onewindow/codes';
import type { RegistrationAuthority } from '../authorities/authorities';
import type { NameLists, OrganisationForm } from './name-lists';

/** A name taken apart: division + trade name + industry + organisation form (天津 + 海河 + 科技 + 有限公司). */
export interface NameParts {
  fullName: string;
  divisionPart: string;
  tradeName: string;
  industry: string;
  form: OrganisationForm;
}

export interface NameProblem {
  code:
    | 'structure-division'
    | 'structure-form'
    | 'structure-industry'
    | 'structure-trade-name'
    | 'forbidden-word'
    | 'identical'
    | 'restricted-word'
    | 'similar';
  message: string;
}

const DIVISION_NAMES = [tianjinDivisions.city.name, ...tianjinDivisions.districts.map((d) => d.name)];

// Only Chinese characters: 字号应当由两个以上汉字组成 (企业名称登记管理规定实施办法 第八条).
const HAN = /^\p{Script=Han}+$/u;

/** Full-width brackets and stray spaces are normalised so that the same name is always spelled the same. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/**
 * Takes a name apart against the authority's division prefixes and the lists of industries and forms.
 * Returns the parts, or every structural problem found (all at once, as the form check does).
 */
export function parseName(
  raw: string,
  authority: RegistrationAuthority,
  lists: NameLists,
): { parts: NameParts } | { problems: NameProblem[] } {
  const name = normaliseName(raw);
  const problems: NameProblem[] = [];
  const divisionPart = authority.namePrefixes.find((p) => name.startsWith(p));
  if (!divisionPart) {
    problems.push({
      code: 'structure-division',
      message: `名称应以登记机关所在行政区划开头，如“${authority.namePrefixes.at(-1)}” (the name must start with the division of the registration authority, e.g. ${authority.namePrefixes.at(-1)})`,
    });
  }
  const form = lists.forms.find((f) => name.endsWith(f.form));
  if (!form) {
    problems.push({
      code: 'structure-form',
      message: `名称应以组织形式结尾：${lists.forms.map((f) => f.form).join('、')} (the name must end with an organisation form)`,
    });
  }
  const middle = name.slice(divisionPart?.length ?? 0, form ? name.length - form.form.length : name.length);
  const industry = form ? lists.industries.find((i) => middle.endsWith(i) && middle.length > i.length) : undefined;
  if (form && !industry) {
    problems.push({
      code: 'structure-industry',
      message:
        '名称应在组织形式前写明行业或经营特点，且须为行业用语表中的用语 (an industry term from the list must precede the organisation form)',
    });
  }
  if (divisionPart && form && industry) {
    const tradeName = middle.slice(0, middle.length - industry.length);
    if (tradeName.length < 2 || tradeName.length > 10 || !HAN.test(tradeName)) {
      problems.push({
        code: 'structure-trade-name',
        message: `字号应为 2 至 10 个汉字，实为“${tradeName}” (the trade name must be 2 to 10 Chinese characters)`,
      });
    } else if (/(省|市|区|县|自治州)$/.test(tradeName) || DIVISION_NAMES.some((d) => tradeName.includes(d))) {
      // 县级以上行政区划名称不得作为字号 (企业名称登记管理规定 第十一条): the division belongs in front, not in the trade name.
      problems.push({
        code: 'structure-trade-name',
        message: `行政区划名称不得作为字号：“${tradeName}” (a division name cannot be the trade name)`,
      });
    } else if (problems.length === 0) {
      return { parts: { fullName: name, divisionPart, tradeName, industry, form } };
    }
  }
  return { problems };
}
