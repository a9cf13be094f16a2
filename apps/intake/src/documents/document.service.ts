import { Injectable } from '@nestjs/common';
import { isOwner, type Principal } from '@onewindow/auth';
import { toIsoDate } from '@onewindow/calendar';
import { NotVisibleError } from '@onewindow/http';
import { BlockAllocator } from '@onewindow/persistence';
import { newId } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import { contentHash } from './content-hash';
import { DocumentRepository } from './document.repository';
import type { DocumentEntity } from './entities/document.entity';
import { renderDocumentHtml, TEMPLATE_SET } from './document-html';
import { DOCUMENT_KINDS, isDocumentKind } from './document-kinds';
import { DocumentIssuer, IssueDocumentRequest, IssuedDocument, PreparedDocument } from './documents.types';
import { verificationBaseUrl } from './documents.config';
import { maskName } from './format';
import { renderPdf } from './pdf/pdf-renderer';
import { DocumentFieldsError } from './document-fields.error';
import { formatVerificationCode, newVerificationCode, normaliseVerificationCode } from './verification-code';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHAT = '文书';

export interface VerificationResult {
  kind: string;
  title: string;
  number: string;
  applicationNumber: string;
  issuer: string;
  issuedOn: string;
  applicantName: string | null;
  contentHash: string;
  /** false when the stored content no longer matches its hash (altered after issue). */
  intact: boolean;
}

/** Issues, reads, renders and verifies the standard documents (A13). */
@Injectable()
export class DocumentService extends DocumentIssuer {
  /** Recently rendered PDFs (rendering costs ~150 ms of CPU); keyed by id and content hash. */
  private readonly pdfCache = new Map<string, Buffer>();
  private static readonly PDF_CACHE_SIZE = 32;

  /**
   * Document numbers come from one sequence, reserved 100 at a time: unique across replicas, gaps
   * after a restart (harmless: a number identifies, it does not count).
   */
  private readonly numbers: BlockAllocator;

  constructor(private readonly documents: DocumentRepository) {
    super();
    this.numbers = new BlockAllocator((_key, size) => this.documents.reserveNumbers(size), 100);
  }

  /** Issues a document inside the caller's transaction (the one of the transition that issues it). */
  async issue(manager: EntityManager, req: IssueDocumentRequest): Promise<IssuedDocument> {
    const { row, issued } = await this.prepare(req);
    await this.documents.insert(manager, row);
    return issued;
  }

  /**
   * The document row, numbered, rendered and hashed, for a caller that writes it in its own statement
   * (the submission's single insert). Nothing is written here.
   */
  async prepare(req: IssueDocumentRequest): Promise<PreparedDocument> {
    if (!isDocumentKind(req.kind))
      throw new DocumentFieldsError(String(req.kind), [{ path: 'kind', message: 'unknown document kind' }]);
    const problems: { path: string; message: string }[] = [];
    if (!UUID.test(req.applicationId ?? '')) problems.push({ path: 'applicationId', message: 'must be a uuid' });
    if (!req.applicationNumber || req.applicationNumber.length > 64)
      problems.push({ path: 'applicationNumber', message: 'required, at most 64 characters' });
    if (!req.issuer || req.issuer.length > 200)
      problems.push({ path: 'issuer', message: 'required, at most 200 characters' });
    const def = DOCUMENT_KINDS[req.kind];
    const parsed = def.fields.safeParse(req.fields ?? {});
    if (!parsed.success)
      problems.push(...parsed.error.issues.map((i) => ({ path: ['fields', ...i.path].join('.'), message: i.message })));
    if (problems.length) throw new DocumentFieldsError(req.kind, problems);

    // Exactly what jsonb will hand back (no undefined, no Date objects), so the hash recomputes.
    const fields = JSON.parse(JSON.stringify(parsed.data)) as Record<string, unknown>;
    const seq = await this.numbers.next('document');
    const issuedAt = new Date();
    const issuedOn = toIsoDate(issuedAt);
    const number = `${def.prefix}${issuedOn.replace(/-/g, '')}${String(seq).padStart(8, '0')}`;
    const verificationCode = newVerificationCode();
    const row: DocumentEntity = {
      id: newId(),
      kind: req.kind,
      number,
      applicationId: req.applicationId,
      applicationNumber: req.applicationNumber,
      issuer: req.issuer,
      applicantSubject: typeof fields.applicantSubject === 'string' ? fields.applicantSubject : null,
      fields,
      // Rendered when read, from the stored content and this template set: nothing rendered or
      // stored twice on the hot path of a submission.
      html: null,
      templateSet: TEMPLATE_SET,
      contentHash: '',
      verificationCode,
      issuedAt,
    };
    row.contentHash = hashOf(row);
    return {
      row,
      issued: {
        id: row.id,
        kind: row.kind,
        number,
        verificationCode: formatVerificationCode(verificationCode),
        issuedAt: issuedAt.toISOString(),
      },
    };
  }

  /**
   * A document the caller may read: the applicant it was issued to, or staff. Anyone else (another
   * applicant, a department system, the public) gets 404 as if it did not exist (S1).
   */
  async findVisible(p: Principal, id: string): Promise<DocumentEntity> {
    const doc = UUID.test(id) ? await this.documents.find(id) : null;
    if (!doc) throw new NotVisibleError(WHAT, id);
    const visible = p.type === 'staff' || (doc.applicantSubject !== null && isOwner(p, doc.applicantSubject));
    if (!visible) throw new NotVisibleError(WHAT, id);
    return doc;
  }

  /** The documents of one application, oldest first (for timelines and the applicant's download list). */
  async ofApplication(manager: EntityManager, applicationId: string): Promise<DocumentEntity[]> {
    return this.documents.ofApplication(manager, applicationId);
  }

  /** The document's HTML: as stored at issue for older documents, else rendered from its content. */
  html(doc: DocumentEntity): string {
    if (doc.html !== null) return doc.html;
    if (doc.templateSet !== TEMPLATE_SET)
      throw new Error(`document ${doc.id}: template set ${doc.templateSet} is not available`);
    return renderDocumentHtml({
      kind: doc.kind,
      number: doc.number,
      applicationNumber: doc.applicationNumber,
      issuer: doc.issuer,
      issuedOn: toIsoDate(doc.issuedAt),
      verificationCode: doc.verificationCode,
      verificationUrl: `${verificationBaseUrl()}/${doc.verificationCode}`,
      fields: doc.fields,
    });
  }

  /** Rendered on request: deterministic from the document's HTML, so nothing is stored twice. */
  async pdf(doc: DocumentEntity): Promise<Buffer> {
    const key = `${doc.id}:${doc.contentHash}`;
    const hit = this.pdfCache.get(key);
    if (hit) return hit;
    const pdf = await renderPdf({
      html: this.html(doc),
      title: DOCUMENT_KINDS[doc.kind].title,
      number: doc.number,
      issuer: doc.issuer,
      issuedAt: doc.issuedAt,
      contentHash: doc.contentHash,
    });
    this.pdfCache.set(key, pdf);
    if (this.pdfCache.size > DocumentService.PDF_CACHE_SIZE) this.pdfCache.delete(this.pdfCache.keys().next().value!);
    return pdf;
  }

  /**
   * The public check of a paper or electronic copy: what the document is and whether its stored
   * content still matches the hash taken at issue. Nothing personal: the applicant's name is masked.
   */
  async verify(input: string): Promise<VerificationResult> {
    const code = normaliseVerificationCode(input);
    const doc = code ? await this.documents.findByVerificationCode(code) : null;
    if (!doc) throw new NotVisibleError('验证码', input);
    const name = typeof doc.fields.applicantName === 'string' ? doc.fields.applicantName : null;
    return {
      kind: doc.kind,
      title: DOCUMENT_KINDS[doc.kind]?.title ?? doc.kind,
      number: doc.number,
      applicationNumber: doc.applicationNumber,
      issuer: doc.issuer,
      issuedOn: toIsoDate(doc.issuedAt),
      applicantName: name === null ? null : maskApplicant(doc.applicantSubject, name),
      contentHash: doc.contentHash,
      // The applicant column is a copy of fields.applicantSubject (it decides who may read): check it too.
      intact:
        hashOf(doc) === doc.contentHash &&
        doc.applicantSubject === (typeof doc.fields.applicantSubject === 'string' ? doc.fields.applicantSubject : null),
    };
  }
}

function hashOf(d: DocumentEntity): string {
  return contentHash({
    kind: d.kind,
    number: d.number,
    applicationId: d.applicationId,
    applicationNumber: d.applicationNumber,
    issuer: d.issuer,
    issuedAt: d.issuedAt.toISOString(),
    verificationCode: d.verificationCode,
    fields: d.fields,
    // A stored HTML is covered as it is; otherwise the template set that renders the content.
    ...(d.html !== null ? { html: d.html } : { templateSet: d.templateSet }),
  });
}

/** A person's name is masked (张*丰); an enterprise's name is a public register entry and stays. */
function maskApplicant(subject: string | null, name: string): string {
  return subject?.startsWith('enterprise:') ? name : maskName(name);
}
