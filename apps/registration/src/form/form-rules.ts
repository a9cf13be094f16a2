import { divisionName, isDivisionCode, validateResidentId, validateUscc } from '@onewindow/codes';
import { authorityForDivision, inJurisdiction } from '../authorities/authorities';
import { nameLists } from '../names/name-lists';
import { checkNameRules } from '../names/name-rules';

/*
 * The whole-form rules of R1 as pure functions: each returns the problems it finds (empty: fine), in
 * Chinese with English. The DTO's validators call them, so a form breaking several rules gets every
 * problem in one 400, beside the type errors.
 */

export const TOTAL_BASIS_POINTS = 10_000;

export function residentIdProblems(value: unknown): string[] {
  if (typeof value !== 'string') return ['应为字符串 (must be a string)'];
  const r = validateResidentId(value);
  return r.valid
    ? []
    : [`公民身份号码无效 (invalid resident ID number, GB 11643): ${r.reasons.map((x) => x.message).join('；')}`];
}

export function usccProblems(value: unknown): string[] {
  if (typeof value !== 'string') return ['应为字符串 (must be a string)'];
  const r = validateUscc(value);
  return r.valid
    ? []
    : [`统一社会信用代码无效 (invalid USCC, GB 32100): ${r.reasons.map((x) => x.message).join('；')}`];
}

export function authorityProblems(value: unknown): string[] {
  if (typeof value !== 'string' || !authorityForDivision(value)) {
    return [
      `未知的登记机关行政区划代码 (unknown division: no registration authority registers under ${JSON.stringify(value)})`,
    ];
  }
  return [];
}

/** The domicile must be a known division inside the authority's jurisdiction. */
export function domicileProblems(domicileDivision: unknown, authorityDivision: unknown): string[] {
  if (
    typeof domicileDivision !== 'string' ||
    !isDivisionCode(domicileDivision) ||
    !divisionName(domicileDivision.slice(0, 6)) ||
    domicileDivision.length < 6 ||
    domicileDivision === '120000'
  ) {
    return [
      `住所所在行政区划未知，应为天津市的区或街道代码 (unknown domicile division: a Tianjin district or street code): ${JSON.stringify(domicileDivision)}`,
    ];
  }
  const authority = typeof authorityDivision === 'string' ? authorityForDivision(authorityDivision) : undefined;
  if (authority && !inJurisdiction(authority, domicileDivision)) {
    return [
      `住所不在登记机关 ${authority.name} 的管辖范围内 (the domicile is outside the jurisdiction of ${authority.nameEn})`,
    ];
  }
  return [];
}

interface ShareLike {
  shareBasisPoints?: unknown;
  contributionFen?: unknown;
}

/** Shares add up to 100% (10,000 basis points) and subscribed contributions to the registered capital. */
export function shareProblems(shareholders: unknown, registeredCapitalFen: unknown): string[] {
  if (!Array.isArray(shareholders) || shareholders.length === 0) return [];
  const list = shareholders as ShareLike[];
  const problems: string[] = [];
  if (list.every((s) => Number.isInteger(s?.shareBasisPoints))) {
    const total = list.reduce((acc, s) => acc + (s.shareBasisPoints as number), 0);
    if (total !== TOTAL_BASIS_POINTS) {
      problems.push(
        `股东持股比例合计应为 100%，实为 ${(total / 100).toFixed(2)}% (shares must add up to 100%, got ${(total / 100).toFixed(2)}%)`,
      );
    }
  }
  if (Number.isSafeInteger(registeredCapitalFen) && list.every((s) => Number.isSafeInteger(s?.contributionFen))) {
    const total = list.reduce((acc, s) => acc + (s.contributionFen as number), 0);
    if (total !== registeredCapitalFen) {
      problems.push(
        `股东认缴出资额合计应等于注册资本 ${registeredCapitalFen} 分，实为 ${total} 分 (subscribed contributions must add up to the registered capital)`,
      );
    }
  }
  return problems;
}

/** At least one candidate passes the name rules; otherwise every candidate's problems, numbered. */
export function nameCandidateProblems(candidates: unknown, authorityDivision: unknown): string[] {
  const authority = typeof authorityDivision === 'string' ? authorityForDivision(authorityDivision) : undefined;
  if (
    !authority ||
    !Array.isArray(candidates) ||
    candidates.length === 0 ||
    !candidates.every((c) => typeof c === 'string')
  )
    return [];
  const verdicts = (candidates as string[]).map((c) => checkNameRules(c, authority, nameLists));
  if (verdicts.some((v) => v.outcome === 'passed')) return [];
  return verdicts.flatMap((v, i) =>
    v.outcome === 'refused'
      ? v.problems.map((p) => `第 ${i + 1} 个名称“${v.name}” (candidate ${i + 1}): ${p.message}`)
      : [],
  );
}
