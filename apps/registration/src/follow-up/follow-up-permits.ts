import permitsJson from '../../data/follow-up-permits.json';

export interface FollowUpPermitRule {
  itemCode: string;
  itemName: string;
  department: string;
  keywords: string[];
}

export interface FollowUpPermit extends Omit<FollowUpPermitRule, 'keywords'> {
  matchedKeywords: string[];
}

export function parseFollowUpRules(raw: unknown): FollowUpPermitRule[] {
  const list = (raw as { permits?: unknown })?.permits;
  const ok =
    Array.isArray(list) &&
    list.length > 0 &&
    list.every(
      (r: FollowUpPermitRule) =>
        typeof r.itemCode === 'string' &&
        /^[A-Z]{2}-[A-Z]+-\d{3}$/.test(r.itemCode) &&
        typeof r.itemName === 'string' &&
        typeof r.department === 'string' &&
        Array.isArray(r.keywords) &&
        r.keywords.length > 0 &&
        r.keywords.every((k) => typeof k === 'string' && k.trim() !== ''),
    );
  if (!ok)
    throw new TypeError(
      '后置审批映射数据无效 (invalid follow-up permit data): each entry needs itemCode, itemName, department and keywords',
    );
  return list as FollowUpPermitRule[];
}

export const followUpRules = parseFollowUpRules(permitsJson);

/**
 * The follow-up permits (后置审批事项, R9) a business scope needs: every item one of whose keywords
 * appears in the scope. Intake's catalogue is the source of truth for the items; this is only the map.
 */
export function followUpPermitsFor(
  businessScope: string,
  rules: FollowUpPermitRule[] = followUpRules,
): FollowUpPermit[] {
  const scope = businessScope.normalize('NFKC');
  return rules
    .map((r) => ({
      itemCode: r.itemCode,
      itemName: r.itemName,
      department: r.department,
      matchedKeywords: r.keywords.filter((k) => scope.includes(k)),
    }))
    .filter((p) => p.matchedKeywords.length > 0);
}
