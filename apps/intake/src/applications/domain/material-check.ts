import type { ItemDefinition, MaterialRequirement } from '../../catalogue/catalogue.types';

/** The signed credit commitment of a gap acceptance (A4): a material code of its own beside the item's. */
export const COMMITMENT_MATERIAL = 'COMMITMENT';

/** What was handed in for one material code. */
export interface GivenMaterial {
  code: string;
  fileId?: string | null;
  /** Content type of the uploaded file, when fileId is set. */
  fileType?: string | null;
  eLicenceRef?: string | null;
  /** Seen on paper at the window (original or copy). */
  paper?: boolean;
}

export interface MaterialFinding {
  code: string;
  name: string;
  requirement: 'primary' | 'secondary';
  /** 'absent-optional': an optional material (needed only in some cases) not given: not a gap. */
  status: 'provided' | 'missing' | 'non-conforming' | 'absent-optional';
  problem?: string;
}

export interface MaterialCheck {
  complete: boolean;
  /** Every required material that was not handed in. */
  missing: MaterialFinding[];
  /** Handed in but not acceptable (wrong file type, e-licence where none may replace it, paper online). */
  nonConforming: MaterialFinding[];
  findings: MaterialFinding[];
  /** All primary materials provided: the precondition of gap acceptance (A4). */
  primaryComplete: boolean;
}

/**
 * The material check (A2, 一次性告知): compares what was given with what the item version requires
 * and lists *everything* missing or wrong at once. An ID-card-only item (一证通办) needs nothing but the
 * applicant's identity: its materials are obtained by data sharing, so none is reported missing.
 * `clerkFindings` adds what a clerk judged wrong on inspection (a blurred copy, an expired licence).
 */
export function checkMaterials(
  required: MaterialRequirement[],
  given: GivenMaterial[],
  opts: {
    idCardOnly?: boolean;
    channel?: 'online' | 'window';
    clerkFindings?: { code: string; problem: string }[];
  } = {},
): MaterialCheck {
  const byCode = new Map(given.map((g) => [g.code, g]));
  const clerk = new Map((opts.clerkFindings ?? []).map((f) => [f.code, f.problem]));
  const findings: MaterialFinding[] = required.map((m) => {
    const base = { code: m.code, name: m.name, requirement: m.requirement };
    const g = byCode.get(m.code);
    if (clerk.has(m.code)) return { ...base, status: 'non-conforming', problem: clerk.get(m.code) };
    if (!g || (!g.fileId && !g.eLicenceRef && !g.paper)) {
      if (opts.idCardOnly) return { ...base, status: 'provided' };
      return m.optional && m.requirement === 'secondary'
        ? { ...base, status: 'absent-optional' }
        : { ...base, status: 'missing' };
    }
    if (g.eLicenceRef && !g.fileId && !g.paper && !m.eLicence) {
      return {
        ...base,
        status: 'non-conforming',
        problem: '该材料不能以电子证照代替 (no e-licence may replace this material)',
      };
    }
    if (g.fileId && m.fileTypes && m.fileTypes.length > 0 && g.fileType && !m.fileTypes.includes(g.fileType)) {
      return {
        ...base,
        status: 'non-conforming',
        problem: `文件类型应为 ${m.fileTypes.join('/')} (file type must be one of ${m.fileTypes.join(', ')})`,
      };
    }
    if (g.paper && !g.fileId && !g.eLicenceRef && opts.channel === 'online') {
      return {
        ...base,
        status: 'non-conforming',
        problem: '网上申请须上传文件或引用电子证照 (online: upload a file or cite an e-licence)',
      };
    }
    return { ...base, status: 'provided' };
  });
  const missing = findings.filter((f) => f.status === 'missing');
  const nonConforming = findings.filter((f) => f.status === 'non-conforming');
  return {
    complete: missing.length === 0 && nonConforming.length === 0,
    missing,
    nonConforming,
    findings,
    primaryComplete: findings.every((f) => f.requirement !== 'primary' || f.status === 'provided'),
  };
}

/** A material row as stored for an application (application_material). */
export interface StoredMaterial {
  materialCode: string;
  status: string;
  fileId: string | null;
  eLicenceRef: string | null;
  problem: string | null;
}

/**
 * The material check of an application from its stored material rows, against the item version it was
 * filed under; `clerkFindings`: what the clerk finds wrong now, on top of what earlier notices found.
 */
export function checkStoredMaterials(
  def: Pick<ItemDefinition, 'materials' | 'idCardOnly'>,
  channel: 'online' | 'window',
  rows: StoredMaterial[],
  clerkFindings: { code: string; problem: string }[] = [],
): MaterialCheck {
  // A row 'provided' with neither file nor e-licence was seen on paper at a window (online it can only
  // be an ID-card-only item's material, which checkMaterials treats as shared data anyway).
  const paperSeen = (r: StoredMaterial) =>
    channel === 'window' && r.status === 'provided' && !r.fileId && !r.eLicenceRef;
  const given: GivenMaterial[] = rows
    .filter((r) => r.fileId || r.eLicenceRef || paperSeen(r))
    .map((r) => ({
      code: r.materialCode,
      fileId: r.fileId,
      eLicenceRef: r.eLicenceRef,
      paper: paperSeen(r),
    }));
  // Findings stored by an earlier notice stay until the material is handed in again.
  const stored = rows
    .filter((r) => r.status === 'non-conforming' && r.problem)
    .map((r) => ({ code: r.materialCode, problem: r.problem! }));
  const findings = [...stored.filter((s) => !clerkFindings.some((c) => c.code === s.code)), ...clerkFindings];
  return checkMaterials(def.materials, given, { idCardOnly: def.idCardOnly, channel, clerkFindings: findings });
}
