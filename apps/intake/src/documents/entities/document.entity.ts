import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentKind } from '../documents.types';

/**
 * One issued standard document. Immutable once written: a correction is a new document. The PDF is
 * not stored; it is rendered on request from `html` (deterministically), see docs. Indexes (unique
 * number and verification code) are in the migration.
 */
@Entity('document')
export class DocumentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') kind!: DocumentKind;
  @Column('text') number!: string;
  @Column('uuid') applicationId!: string;
  @Column('text') applicationNumber!: string;
  @Column('text') issuer!: string;
  /** Copied from fields.applicantSubject: the applicant who may read it (ownerSubjectOf). */
  @Column('text', { nullable: true }) applicantSubject!: string | null;
  @Column('jsonb') fields!: Record<string, unknown>;
  /** The HTML as stored at issue (documents issued before 2026-11: see templateSet), else null. */
  @Column('text', { nullable: true }) html!: string | null;
  /**
   * The template set that renders this document on read (document-html.ts), or null for a document
   * whose HTML was stored at issue. The content hash covers the data, not a rendering of it.
   */
  @Column('smallint', { nullable: true }) templateSet!: number | null;
  /** SHA-256 hex over the canonical content (content-hash.ts). */
  @Column('text') contentHash!: string;
  @Column('text') verificationCode!: string;
  @Column('timestamptz') issuedAt!: Date;
}
