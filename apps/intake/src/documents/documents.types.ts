import type { EntityManager } from 'typeorm';
import type { DocumentEntity } from './entities/document.entity';

/** The standard documents (统一文书) of A13; the documents feature owns templates, rendering and verification. */
export type DocumentKind =
  | 'receipt'
  | 'correction-notice'
  | 'acceptance'
  | 'rejection'
  | 'decision-grant'
  | 'decision-refusal'
  | 'fee-notice'
  | 'gap-commitment';

export interface IssueDocumentRequest {
  kind: DocumentKind;
  applicationId: string;
  applicationNumber: string;
  /** Issuing centre or department name, shown on the document. */
  issuer: string;
  /** Free fields the template prints: applicant name, item name, missing materials, reasons, legal basis, due dates... */
  fields: Record<string, unknown>;
}

export interface IssuedDocument {
  id: string;
  kind: DocumentKind;
  number: string;
  verificationCode: string;
  issuedAt: string;
}

/** Provided by DocumentsModule (exported). Issue inside the transaction of the transition that issues it. */
export abstract class DocumentIssuer {
  abstract issue(manager: EntityManager, req: IssueDocumentRequest): Promise<IssuedDocument>;
  /** The row `issue` would insert, for a caller that writes it in its own statement. */
  abstract prepare(req: IssueDocumentRequest): Promise<PreparedDocument>;
}

export interface PreparedDocument {
  /** The `document` row to insert. */
  row: DocumentEntity;
  issued: IssuedDocument;
}
