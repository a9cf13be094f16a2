import { canonicalJson } from '@onewindow/contracts';
import { createHash } from 'node:crypto';

export { canonicalJson };

/**
 * The content hash of a document: SHA-256 over a canonical JSON of everything the document says
 * (kind, number, application, issuer, issue time, verification code, fields, and either the HTML
 * stored at issue or the template set that renders the document when read).
 * Canonical = object keys sorted at every depth, so the same content always hashes the same,
 * whatever order jsonb hands the keys back in.
 */
export interface HashedContent {
  kind: string;
  number: string;
  applicationId: string;
  applicationNumber: string;
  issuer: string;
  issuedAt: string;
  verificationCode: string;
  fields: unknown;
  html?: string;
  templateSet?: number | null;
}

export function contentHash(c: HashedContent): string {
  return createHash('sha256').update(canonicalJson(c)).digest('hex');
}
