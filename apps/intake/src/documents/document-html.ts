import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_KINDS } from './document-kinds';
import type { DocumentKind } from './documents.types';
import { chineseDate, yuan } from './format';
import { compileTemplate, CompiledTemplate } from './template/template-engine';
import { formatVerificationCode } from './verification-code';

/** Everything a document shows; the HTML is a pure function of it (no clock, no I/O beyond the template files). */
export interface DocumentContent {
  kind: DocumentKind;
  number: string;
  applicationNumber: string;
  issuer: string;
  /** ISO date (Asia/Shanghai) of issue. */
  issuedOn: string;
  verificationCode: string;
  verificationUrl: string;
  fields: Record<string, unknown>;
}

export const TEMPLATE_DIR = path.join(__dirname, 'templates');

/**
 * The template set in templates/, recorded on each document it renders. Documents are rendered when
 * read, so a change of wording or layout that must not reach documents already issued is a new set
 * (a new directory and number) with the old one kept.
 */
export const TEMPLATE_SET = 1;

let cache: { layout: CompiledTemplate; bodies: Map<DocumentKind, CompiledTemplate> } | undefined;

/** Compiles the template set once per process (the files are part of the release, not data). */
export function templates() {
  if (!cache) {
    const load = (name: string) =>
      compileTemplate(readFileSync(path.join(TEMPLATE_DIR, `${name}.html`), 'utf8'), `${name}.html`);
    const bodies = new Map<DocumentKind, CompiledTemplate>();
    for (const kind of Object.keys(DOCUMENT_KINDS) as DocumentKind[]) bodies.set(kind, load(kind));
    cache = { layout: load('layout'), bodies };
  }
  return cache;
}

const dateText = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? chineseDate(v) : undefined);
const FORMS: Record<string, string> = { original: '原件', copy: '复印件', electronic: '电子件' };

/**
 * The template context: the stored fields plus display forms derived from them (Chinese dates,
 * yuan amounts, a reasons list). Derived names end in Text/Yuan/List so they never shadow a field.
 */
export function templateContext(c: DocumentContent): Record<string, unknown> {
  const def = DOCUMENT_KINDS[c.kind];
  const f = c.fields;
  const itemBasis = Array.isArray(f.legalBasis)
    ? (f.legalBasis as unknown[]).filter((b): b is string => typeof b === 'string')
    : [];
  const ctx: Record<string, unknown> = {
    ...f,
    title: def.title,
    number: c.number,
    applicationNumber: c.applicationNumber,
    issuer: c.issuer,
    issuedOn: chineseDate(c.issuedOn),
    verificationCode: formatVerificationCode(c.verificationCode),
    verificationUrl: c.verificationUrl,
    legalBasis: [...def.legalBasis, ...itemBasis.filter((b) => !def.legalBasis.includes(b))],
    receivedOnText: dateText(f.receivedOn) ?? chineseDate(c.issuedOn),
    acceptedOnText: dateText(f.acceptedOn),
    promisedDueText: dateText(f.promisedDue),
    legalDueText: dateText(f.legalDue),
    correctionDeadlineText: dateText(f.correctionDeadline),
    decidedOnText: dateText(f.decidedOn) ?? chineseDate(c.issuedOn),
    validUntilText: dateText(f.validUntil),
    payByText: dateText(f.payBy),
    reasonsList: Array.isArray(f.reasons) ? f.reasons : typeof f.reasons === 'string' ? [f.reasons] : [],
  };
  if (Array.isArray(f.materials))
    ctx.materials = f.materials.map((m) => ({
      ...(m as object),
      formText: FORMS[(m as { form?: string }).form ?? ''] ?? (m as { form?: string }).form,
    }));
  if (Array.isArray(f.lines))
    ctx.lines = f.lines.map((l) => ({ ...(l as object), amountYuan: yuan((l as { amountFen: number }).amountFen) }));
  if (typeof f.totalFen === 'number') ctx.totalYuan = yuan(f.totalFen);
  if (Array.isArray(f.missingMaterials))
    ctx.missingMaterials = f.missingMaterials.map((m) => ({
      ...(m as object),
      dueDateText: dateText((m as { dueDate?: string }).dueDate),
    }));
  return ctx;
}

/** The document as HTML: the kind's body inside the common layout. Every value is escaped. */
export function renderDocumentHtml(c: DocumentContent): string {
  const t = templates();
  const ctx = templateContext(c);
  const body = t.bodies.get(c.kind)!.render(ctx);
  return t.layout.render(ctx, { body });
}
