import { canonicalJson } from '@onewindow/contracts';
import { createHash } from 'node:crypto';

/**
 * The hash chain of an application's timeline (S8). Each step's hash covers the previous hash and a
 * canonical rendering of the step (fixed field order, ISO instant), so any change to a stored row,
 * a deleted row or a swapped order is detected by recomputing the chain.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedStep {
  applicationId: string;
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorType: string;
  actorId: string;
  actorName: string | null;
  actorRole: string | null;
  actorDepartment: string | null;
  actorOrgUnit: string | null;
  at: Date;
  documentId: string | null;
  documentKind: string | null;
  documentNumber: string | null;
  note: string | null;
  detail: Record<string, unknown> | null;
}

export function canonicalStep(s: ChainedStep): string {
  return canonicalJson({
    applicationId: s.applicationId,
    seq: s.seq,
    action: s.action,
    fromState: s.fromState,
    toState: s.toState,
    actorType: s.actorType,
    actorId: s.actorId,
    actorName: s.actorName,
    actorRole: s.actorRole,
    actorDepartment: s.actorDepartment,
    actorOrgUnit: s.actorOrgUnit,
    at: s.at.toISOString(),
    documentId: s.documentId,
    documentKind: s.documentKind,
    documentNumber: s.documentNumber,
    note: s.note,
    detail: s.detail,
  });
}

export function stepHash(prevHash: string, s: ChainedStep): string {
  return createHash('sha256').update(prevHash).update(canonicalStep(s)).digest('hex');
}

export interface ChainVerification {
  valid: boolean;
  steps: number;
  /** The first step whose stored hash or link does not match, when invalid. */
  brokenAtSeq?: number;
  reason?: 'hash-mismatch' | 'link-mismatch' | 'sequence-gap';
}

/** Recomputes the chain over the steps in seq order. */
export function verifyChain(steps: (ChainedStep & { prevHash: string; hash: string })[]): ChainVerification {
  let prev = GENESIS_HASH;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.seq !== i + 1) return { valid: false, steps: steps.length, brokenAtSeq: s.seq, reason: 'sequence-gap' };
    if (s.prevHash !== prev) return { valid: false, steps: steps.length, brokenAtSeq: s.seq, reason: 'link-mismatch' };
    if (stepHash(prev, s) !== s.hash)
      return { valid: false, steps: steps.length, brokenAtSeq: s.seq, reason: 'hash-mismatch' };
    prev = s.hash;
  }
  return { valid: true, steps: steps.length };
}
