import { z } from 'zod';
import type { DocumentKind } from './documents.types';

/**
 * The standard documents (统一文书, A13): what each is called, how its number starts, the legal
 * basis printed on every copy, and the fields its template needs. The same definitions serve every
 * centre of the city, so a receipt from a street centre reads like one from the city hall.
 */
export interface DocumentKindDefinition {
  kind: DocumentKind;
  /** Printed title. */
  title: string;
  /** Two letters that start the document number (pinyin initials), e.g. SL for 受理. */
  prefix: string;
  /** Printed on every document of the kind, before the item's own legal basis. */
  legalBasis: string[];
  fields: z.ZodTypeAny;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const text = (max = 2000) => z.string().min(1).max(max);

/** Fields every kind may carry; the applications feature fills them from the application. */
const common = {
  /** ownerSubjectOf(applicant): who may read the document besides staff. */
  applicantSubject: z.string().max(200).optional(),
  applicantName: z.string().max(200).optional(),
  itemCode: z.string().max(64).optional(),
  itemName: z.string().max(200).optional(),
  /** The item's legal basis (设定依据), printed after the kind's own. */
  legalBasis: z.array(text(500)).max(50).optional(),
};

const material = z.object({ name: text(200), reason: text(500), code: z.string().max(32).optional() }).passthrough();
const receivedMaterial = z
  .object({ name: text(200), form: z.string().max(32).optional(), copies: z.number().int().min(0).max(999).optional() })
  .passthrough();
const feeLine = z.object({ name: text(200), amountFen: z.number().int().min(0), legalBasis: text(500) }).passthrough();
const gapMaterial = z.object({ name: text(200), dueDate: isoDate }).passthrough();
const reasons = z.union([text(), z.array(text()).min(1).max(50)]);

export const DOCUMENT_KINDS: Record<DocumentKind, DocumentKindDefinition> = {
  receipt: {
    kind: 'receipt',
    title: '接件回执',
    prefix: 'JJ',
    legalBasis: ['《中华人民共和国行政许可法》第二十九条、第三十二条'],
    fields: z
      .object({
        ...common,
        receivedOn: isoDate.optional(),
        materials: z.array(receivedMaterial).max(200).optional(),
        promisedLimitDays: z.number().int().min(0).max(999).optional(),
      })
      .passthrough(),
  },
  'correction-notice': {
    kind: 'correction-notice',
    title: '补正告知书',
    prefix: 'BZ',
    legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（四）项'],
    // 一次性告知: the notice lists every problem at once, so at least one and all of them.
    fields: z
      .object({ ...common, materials: z.array(material).min(1).max(200), correctionDeadline: isoDate.optional() })
      .passthrough(),
  },
  acceptance: {
    kind: 'acceptance',
    title: '受理通知书',
    prefix: 'SL',
    legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（五）项、第四十二条'],
    fields: z
      .object({
        ...common,
        acceptedOn: isoDate,
        promisedDue: isoDate,
        legalDue: isoDate,
        deemed: z.boolean().optional(),
      })
      .passthrough(),
  },
  rejection: {
    kind: 'rejection',
    title: '不予受理通知书',
    prefix: 'BY',
    legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（一）项、第（二）项'],
    fields: z.object({ ...common, reason: text(), redirectTo: z.string().max(500).optional() }).passthrough(),
  },
  'decision-grant': {
    kind: 'decision-grant',
    title: '准予行政许可决定书',
    prefix: 'ZY',
    legalBasis: ['《中华人民共和国行政许可法》第三十四条、第三十八条第一款'],
    fields: z
      .object({
        ...common,
        decidedOn: isoDate.optional(),
        reasons: reasons.optional(),
        licenceNumber: z.string().max(100).optional(),
        validUntil: isoDate.optional(),
      })
      .passthrough(),
  },
  'decision-refusal': {
    kind: 'decision-refusal',
    title: '不予行政许可决定书',
    prefix: 'BX',
    legalBasis: ['《中华人民共和国行政许可法》第三十八条第二款'],
    // A refusal must state its reasons (art. 38 para 2).
    fields: z.object({ ...common, decidedOn: isoDate.optional(), reasons }).passthrough(),
  },
  'fee-notice': {
    kind: 'fee-notice',
    title: '缴费通知书',
    prefix: 'JF',
    legalBasis: ['《中华人民共和国行政许可法》第五十八条、第五十九条'],
    fields: z
      .object({
        ...common,
        lines: z.array(feeLine).min(1).max(50),
        totalFen: z.number().int().min(0),
        paymentReference: text(64),
        noticeNumber: text(64),
        payBy: isoDate.optional(),
      })
      .passthrough(),
  },
  'gap-commitment': {
    kind: 'gap-commitment',
    title: '告知承诺书',
    prefix: 'CN',
    legalBasis: ['《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）'],
    fields: z
      .object({ ...common, missingMaterials: z.array(gapMaterial).min(1).max(200), acceptedOn: isoDate.optional() })
      .passthrough(),
  },
};

export const DOCUMENT_KIND_NAMES = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

export function isDocumentKind(v: string): v is DocumentKind {
  return Object.prototype.hasOwnProperty.call(DOCUMENT_KINDS, v);
}
