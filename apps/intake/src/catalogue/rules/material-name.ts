/**
 * The key two material names are compared by (C4 "at most one material of a name", C5 merge).
 * NFKC folds full-width forms into half-width ones, so '法定代表人（负责人）身份证明' and
 * '法定代表人(负责人)身份证明' are one material; whitespace and Latin case carry no meaning in a name.
 */
export function normaliseMaterialName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
