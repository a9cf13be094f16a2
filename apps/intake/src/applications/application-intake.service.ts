import { BadRequestException, ForbiddenException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ownerSubjectOf, Principal, Roles, StaffPrincipal } from '@onewindow/auth';
import { todayInShanghai } from '@onewindow/calendar';
import { formatCaseNumber, validateResidentId, validateUscc } from '@onewindow/codes';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { OutboxEventEntity, OutboxRow } from '@onewindow/messaging';
import { groupCommitWrites } from '@onewindow/observability';
import { BlockAllocator, GroupCommit, MultiInsert, pgPool } from '@onewindow/persistence';
import { newId } from '@onewindow/contracts';
import { normaliseMaterialName } from '../catalogue/rules/material-name';
import { CatalogueReader, ItemDefinition, ItemVersion, MaterialRequirement } from '../catalogue/catalogue.types';
import { DocumentIssuer } from '../documents/documents.types';
import { dueDatesFrom, dueFields, gapMaterialDue, provisionalFieldsOf } from '../deadlines/clock';
import { intakeCalendar } from '../deadlines/intake-calendar';
import { assertClerkOf } from './application-access';
import { MaterialsIncompleteError, NotOnlineError, NotReceivableHereError, RuleRefusedError, UnknownMaterialError } from './application-errors';
import { ApplicationQueries } from './application-queries.service';
import { ApplicationSteps, documentRef } from './application-steps';
import { actorOf, AUTO_ACCEPTANCE, StepActor } from './domain/actor';
import { nextState } from './domain/application-state';
import { GENESIS_HASH } from './domain/step-chain';
import { ApplicationStepRow } from './entities/application-step.entity';
import { DocumentEntity } from '../documents/document.entity';
import { checkMaterials, GivenMaterial, MaterialCheck } from './domain/material-check';
import { caseNumberDivision, decidingDivision } from './domain/routing';
import type { CorrectionDto, CorrectionNoticeDto, DecisionDto, GapAcceptDto, MaterialGivenDto, RejectDto, SubmitApplicationDto, WindowSubmitApplicationDto } from './dto/application.dto';
import { ApplicationRow } from './entities/application.entity';
import { ApplicationMaterialRow } from './entities/application-material.entity';

export const COMMITMENT_MATERIAL = 'COMMITMENT';
const ONLINE_HALL = '网上办事大厅 (online service hall)';
/** Case numbers reserved per round trip (per division and day). */
const CASE_NUMBER_BLOCK = 20;
/**
 * Submissions written together (docs/adr/0017): at most this many statements in flight, each taking
 * up to maxBatch submissions that gathered meanwhile. The pool keeps its other connections for reads
 * and the rest of the service.
 */
const RECEIPT_GROUP_COMMIT = {
  maxInFlight: Number(process.env.OW_INTAKE_SUBMIT_IN_FLIGHT ?? 2),
  maxBatch: Number(process.env.OW_INTAKE_SUBMIT_BATCH ?? 64),
  onStatement: (writes: number) => groupCommitWrites.observe({ statement: 'intake-receipt' }, writes),
};

export interface ReceivedApplication {
  app: ApplicationRow;
  materials: ApplicationMaterialRow[];
}

export interface Submitted {
  created: boolean;
  /** One application; a bundle gives one per item, in the bundle's order. With their materials, for the answer. */
  applications: ReceivedApplication[];
  bundleCode: string | null;
}

interface ResolvedRequest {
  bundle: string | null;
  items: ItemVersion[];
  /** The materials the applicant gives against: the item's, or the bundle's merged list. */
  materials: MaterialRequirement[];
}

/**
 * Receipt and the intake decision (A1–A5): online and window submission, the material check and the
 * one-time correction notice, correction, accept, reject, gap acceptance and instant decisions.
 */
@Injectable()
export class ApplicationIntake implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly documents: DocumentIssuer,
    private readonly steps: ApplicationSteps,
    private readonly queries: ApplicationQueries,
  ) {
    this.caseNumbers = new BlockAllocator(async (key, size) => {
      const [division, day] = key.split('|');
      const { rows } = await pgPool(this.ds).query({
        name: 'application_numbers',
        text: `insert into application_number_counter (division, day, last) values ($1, $2, $3)
               on conflict (division, day) do update set last = application_number_counter.last + $3 returning last`,
        values: [division, day, size],
      });
      const last = Number(rows[0].last);
      return Array.from({ length: size }, (_, i) => last - size + 1 + i);
    }, CASE_NUMBER_BLOCK);
  }

  private readonly caseNumbers: BlockAllocator;
  private receiptStatement?: GroupCommit<ObjectLiteral[][]>;

  /** Built at start, so a bad OW_INTAKE_SUBMIT_* value stops the service instead of failing submissions. */
  onModuleInit(): void {
    this.receiptInsert();
  }

  // ---- receipt (A1) ----

  async submitOnline(p: Principal, dto: SubmitApplicationDto, idempotencyKey: string, traceId?: string): Promise<Submitted> {
    const owner = ownerSubjectOf(p);
    if (!owner || (p.type !== 'citizen' && p.type !== 'enterprise')) throw new ForbiddenException({ message: '仅申请人可网上申请 (only applicants apply online)' });
    // No look-up of the key first: a repeat is rare, and the unique index on (applicant, key) turns it
    // into the first application in receive() (one query less on every first submission).
    const request = await this.resolve(dto);
    const offline = request.items.filter((i) => !i.definition.online);
    if (offline.length) throw new NotOnlineError(offline.map((i) => i.itemCode).join(', '));
    let idNumber: string | null = null;
    if (p.type === 'citizen') {
      idNumber = dto.applicantIdNumber ?? null;
      if (idNumber) this.checkId('citizen', idNumber);
      if (!idNumber && request.items.some((i) => i.definition.idCardOnly)) throw new RuleRefusedError('一证通办事项须提供身份证号 (ID-card-only item: applicantIdNumber required)');
    } else {
      idNumber = p.uscc;
    }
    const parts = request.items.map((item) => {
      const division = decidingDivision({ itemLevel: item.definition.level, requestedDivision: dto.division });
      return { item, division, receivingDivision: division };
    });
    return this.receive({
      request, parts, dto, owner, applicantType: p.type, applicantName: p.name, idNumber, phone: dto.applicantPhone ?? null,
      channel: 'online', orgUnit: null, receivingLevel: null, actor: actorOf(p), idempotencyKey, traceId, issuer: ONLINE_HALL,
    });
  }

  async submitAtWindow(p: StaffPrincipal, dto: WindowSubmitApplicationDto, idempotencyKey: string | undefined, traceId?: string): Promise<Submitted> {
    const a = dto.applicant;
    this.checkId(a.type, a.idNumber);
    const owner = a.type === 'enterprise' ? `enterprise:${a.idNumber}` : a.userId ? `citizen:${a.userId}` : `resident:${a.idNumber}`;
    if (idempotencyKey) {
      const existing = await this.existing(owner, idempotencyKey, dto);
      if (existing) return existing;
    }
    const request = await this.resolve(dto);
    for (const item of request.items) {
      if (!item.definition.receivableAt.includes(p.level)) throw new NotReceivableHereError(item.itemCode, p.level, item.definition.receivableAt);
    }
    const parts = request.items.map((item) => ({
      item, receivingDivision: p.division,
      division: decidingDivision({ itemLevel: item.definition.level, centreDivision: p.division, centreLevel: p.level, requestedDivision: dto.division }),
    }));
    return this.receive({
      request, parts, dto, owner, applicantType: a.type, applicantName: a.name, idNumber: a.idNumber, phone: a.phone ?? null,
      channel: 'window', orgUnit: p.orgUnit, receivingLevel: p.level, actor: actorOf(p, Roles.windowClerk), idempotencyKey: idempotencyKey ?? null, traceId, issuer: p.orgUnit,
    });
  }

  private checkId(type: 'citizen' | 'enterprise', id: string): void {
    const v = type === 'citizen' ? validateResidentId(id) : validateUscc(id);
    if (!v.valid) throw new BadRequestException({ message: type === 'citizen' ? '身份证号码无效 (invalid resident ID number)' : '统一社会信用代码无效 (invalid USCC)', details: v.reasons });
  }

  /** A repeated key: the application (or the bundle's applications) received the first time. */
  private async existing(owner: string, key: string, dto: SubmitApplicationDto): Promise<Submitted | null> {
    const one = dto.bundleCode ? null : await this.queries.byIdempotencyKey(owner, key);
    const apps = dto.bundleCode ? await this.queries.byBundleKey(owner, key) : one ? [one] : [];
    if (apps.length === 0) return null;
    const materials = await this.queries.materialsOf(apps.map((a) => a.id));
    return { created: false, applications: apps.map((app) => ({ app, materials: materials.get(app.id)! })), bundleCode: apps[0].bundleCode };
  }

  /** The item, or the bundle's items with the merged material list (一件事 / 一表申报, C5). */
  private async resolve(dto: SubmitApplicationDto): Promise<ResolvedRequest> {
    if (Boolean(dto.itemCode) === Boolean(dto.bundleCode)) {
      throw new BadRequestException({ message: '须指定 itemCode 或 bundleCode 之一 (give exactly one of itemCode, bundleCode)', details: [{ field: 'itemCode', problems: ['exactly one of itemCode, bundleCode'] }] });
    }
    if (dto.itemCode) {
      const item = await this.catalogue.currentVersion(dto.itemCode);
      return { bundle: null, items: [item], materials: item.definition.materials };
    }
    const b = await this.catalogue.bundle(dto.bundleCode!);
    return { bundle: b.code, items: b.items, materials: b.materials };
  }

  private async receive(r: {
    request: ResolvedRequest; parts: { item: ItemVersion; division: string; receivingDivision: string }[]; dto: SubmitApplicationDto; owner: string;
    applicantType: 'citizen' | 'enterprise'; applicantName: string; idNumber: string | null; phone: string | null;
    channel: 'online' | 'window'; orgUnit: string | null; receivingLevel: StaffPrincipal['level'] | null;
    actor: StepActor; idempotencyKey: string | null; traceId?: string; issuer: string;
  }): Promise<Submitted> {
    const known = new Set(r.request.materials.map((m) => m.code));
    const unknown = r.dto.materials.map((m) => m.code).filter((c) => !known.has(c));
    if (unknown.length) throw new UnknownMaterialError(unknown);
    const now = new Date();
    const today = todayInShanghai(now);
    const group = r.request.bundle ? newId() : null;
    const received: ReceivedApplication[] = [];
    const rows = { applications: [] as ApplicationRow[], materials: [] as ApplicationMaterialRow[], documents: [] as DocumentEntity[], steps: [] as ApplicationStepRow[], events: [] as OutboxRow[] };
    for (const part of r.parts) {
      const def = part.item.definition;
      // In a bundle the applicant gave the merged materials (B01...): each item reads its own from them.
      const given = r.request.bundle ? itemMaterialsFromBundle(def, r.request.materials, r.dto.materials) : r.dto.materials;
      const givenByCode = new Map(given.map((g) => [g.code, g]));
      const check = checkMaterials(def.materials, given.map((m) => givenOf(m, r.channel)), { idCardOnly: def.idCardOnly, channel: r.channel });
      const number = await this.nextNumber(caseNumberDivision(part.division), today);
      const app = Object.assign(new ApplicationRow(), {
        id: newId(), number, itemCode: part.item.itemCode, itemVersion: part.item.version, itemName: def.name, bundleCode: r.request.bundle, bundleGroup: group,
        mode: def.mode, twoStepReview: def.twoStepReview,
        applicantType: r.applicantType, applicantSubject: r.owner, applicantName: r.applicantName, applicantIdNumber: r.idNumber, applicantPhone: r.phone,
        channel: r.channel, receivingOrgUnit: r.orgUnit, receivingDivision: part.receivingDivision, receivingLevel: r.receivingLevel, receivedBy: r.channel === 'window' ? r.actor.id : null,
        department: def.department, division: part.division, state: 'RECEIVED', version: 1, formData: r.dto.formData, receivedAt: now, intakeClockFrom: today,
        acceptedOn: null, deemedAccepted: false, gapAccepted: false, promisedLimitDays: def.promisedLimitDays, legalLimitDays: def.legalLimitDays,
        promisedDue: null, legalDue: null, dueProvisionalYears: [], pausedOn: null, pausedFor: null, pausedWorkingDays: 0, extensionDays: 0, extensionReason: null, outcome: null,
        decidedAt: null, concludedAt: null, deliveredAt: null, deliveryMode: null, trackingNumber: null, withdrawnAt: null, closingReason: null,
        // One key per application: a bundle's applications share the applicant's key, suffixed with the item.
        idempotencyKey: r.idempotencyKey === null ? null : r.request.bundle ? `${r.idempotencyKey}/${part.item.itemCode}` : r.idempotencyKey,
      } satisfies Partial<ApplicationRow>);
      const materials = check.findings.map((f) => Object.assign(new ApplicationMaterialRow(), {
        applicationId: app.id, materialCode: f.code, name: f.name, requirement: f.requirement, status: f.status, fileId: null,
        eLicenceRef: givenByCode.get(f.code)?.eLicenceRef ?? null, problem: f.problem ?? null, dueOn: null, remindedAt: null, overdueReportedAt: null,
        providedAt: f.status === 'provided' ? now : null,
      } satisfies ApplicationMaterialRow));
      const receipt = await this.documents.prepare({
        kind: 'receipt', applicationId: app.id, applicationNumber: app.number, issuer: r.issuer,
        fields: { ...docFields(app), receivedOn: today, promisedLimitDays: def.promisedLimitDays, legalBasis: def.legalBasis, bundleCode: r.request.bundle, materials: check.findings.map((f) => ({ code: f.code, name: f.name, status: f.status })) },
      });
      const first = this.steps.prepare(app, null, {
        action: 'receive', actor: r.actor, document: receipt.issued, at: now, traceId: r.traceId,
        detail: { channel: r.channel, missing: check.missing.map((f) => f.code), nonConforming: check.nonConforming.map((f) => f.code), ...(group ? { bundleCode: r.request.bundle, bundleGroup: group } : {}) },
        event: {
          name: 'received',
          data: { channel: r.channel, receivedAt: now.toISOString(), receivingOrgUnit: r.orgUnit, receivingDivision: app.receivingDivision, applicantType: r.applicantType, bundleCode: r.request.bundle, receipt: documentRef(receipt.issued) },
        },
      }, 1, GENESIS_HASH);
      rows.documents.push(receipt.row);
      rows.steps.push(first.step);
      rows.events.push(first.event!);
      let stored: ApplicationRow = app;
      // 自动受理: complete online applications of an auto-accept item are accepted in the same statement.
      if (r.channel === 'online' && def.autoAccept && check.complete) {
        const auto = await this.prepareAutoAcceptance(app, today, now, first.step.hash, r.traceId);
        stored = auto.app;
        rows.documents.push(auto.document);
        rows.steps.push(auto.step);
        rows.events.push(auto.event);
      }
      rows.applications.push(stored);
      rows.materials.push(...materials);
      received.push({ app: stored, materials });
    }
    try {
      await this.receiptInsert().write([rows.applications, rows.materials, rows.documents, rows.steps, rows.events]);
    } catch (err) {
      // Two submits with one key at the same moment: the unique index lets one in; the other returns it.
      if (r.idempotencyKey && (err as { code?: string; constraint?: string }).code === '23505' && (err as { constraint?: string }).constraint === 'application_owner_idempotency') {
        const existing = await this.existing(r.owner, r.idempotencyKey, r.dto);
        if (existing) return existing;
      }
      throw err;
    }
    return { created: true, applications: received, bundleCode: r.request.bundle };
  }

  /** The acceptance by the system (自动受理): the notice, the step chained onto the receipt, the event. */
  private async prepareAutoAcceptance(app: ApplicationRow, acceptedOn: string, at: Date, prevHash: string, traceId?: string) {
    const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays);
    const accepted = Object.assign(new ApplicationRow(), app, { state: nextState(app.state, 'accept'), acceptedOn, ...due } satisfies Partial<ApplicationRow>);
    const notice = await this.documents.prepare({ kind: 'acceptance', applicationId: app.id, applicationNumber: app.number, issuer: AUTO_ACCEPTANCE.name, fields: { ...docFields(app), acceptedOn, ...dueFields(due) } });
    const { step, event } = this.steps.prepare(accepted, app.state, {
      action: 'accept', actor: AUTO_ACCEPTANCE, document: notice.issued, at, traceId, note: '材料齐全，系统自动受理 (materials complete: accepted automatically)',
      detail: { acceptedOn, ...dueFields(due), automatic: true },
      event: { name: 'accepted', data: { acceptedOn, ...dueFields(due), instant: false, automatic: true, document: documentRef(notice.issued) } },
    }, 2, prevHash);
    return { app: accepted, document: notice.row, step, event: event! };
  }

  /**
   * application, materials, documents, timeline steps and outbox events of a submission: one statement,
   * shared by the submissions that arrive together (group commit, docs/adr/0017).
   */
  private receiptInsert(): GroupCommit<ObjectLiteral[][]> {
    this.receiptStatement ??= new MultiInsert(this.ds, [
      { target: ApplicationRow }, { target: ApplicationMaterialRow }, { target: DocumentEntity }, { target: ApplicationStepRow },
      { target: OutboxEventEntity, omit: ['publishedAt', 'attempts', 'lastError'] },
    ]).grouped(RECEIPT_GROUP_COMMIT);
    return this.receiptStatement;
  }

  /**
   * Case numbers restart daily per division (formatCaseNumber). The counter row is bumped outside the
   * submit, a block of numbers at a time, so submissions neither queue on its row lock nor pay a
   * round trip each; a restart leaves a gap in the numbers, which is harmless (docs/adr/0016).
   */
  private async nextNumber(division: string, day: string): Promise<string> {
    return formatCaseNumber({ division, date: day, service: 'IN', sequence: await this.caseNumbers.next(`${division}|${day}`) });
  }

  // ---- material check and correction (A2) ----

  async materialCheck(p: Principal, id: string, clerkFindings: { code: string; problem: string }[] = []): Promise<MaterialCheck> {
    const app = await this.queries.find(this.ds.manager, id);
    assertClerkOf(p, app, id);
    const [item, materials] = await Promise.all([this.itemOf(app), this.queries.materials(this.ds.manager, id)]);
    return this.check(item, app, materials, clerkFindings);
  }

  private check(item: ItemVersion, app: ApplicationRow, rows: ApplicationMaterialRow[], clerkFindings: { code: string; problem: string }[] = []): MaterialCheck {
    // A row 'provided' with neither file nor e-licence was seen on paper at a window (online it can only
    // be an ID-card-only item's material, which checkMaterials treats as shared data anyway).
    const paperSeen = (r: ApplicationMaterialRow) => app.channel === 'window' && r.status === 'provided' && !r.fileId && !r.eLicenceRef;
    const given: GivenMaterial[] = rows.filter((r) => r.fileId || r.eLicenceRef || paperSeen(r)).map((r) => ({
      code: r.materialCode, fileId: r.fileId, eLicenceRef: r.eLicenceRef, paper: paperSeen(r),
    }));
    // Findings stored by an earlier notice stay until the material is handed in again.
    const stored = rows.filter((r) => r.status === 'non-conforming' && r.problem).map((r) => ({ code: r.materialCode, problem: r.problem! }));
    const findings = [...stored.filter((s) => !clerkFindings.some((c) => c.code === s.code)), ...clerkFindings];
    return checkMaterials(item.definition.materials, given, { idCardOnly: item.definition.idCardOnly, channel: app.channel, clerkFindings: findings });
  }

  async requestCorrection(p: StaffPrincipal, id: string, dto: CorrectionNoticeDto, traceId?: string): Promise<ApplicationRow> {
    return this.ds.transaction(async (m) => {
      const app = await this.queries.find(m, id);
      assertClerkOf(p, app, id);
      const item = await this.itemOf(app);
      const known = new Set(item.definition.materials.map((x) => x.code));
      const unknown = (dto.nonConforming ?? []).map((x) => x.code).filter((c) => !known.has(c));
      if (unknown.length) throw new UnknownMaterialError(unknown);
      const check = this.check(item, app, await this.queries.materials(m, id), dto.nonConforming ?? []);
      if (check.complete) throw new RuleRefusedError('材料齐全，无需补正 (materials complete: nothing to correct)');
      for (const f of [...check.missing, ...check.nonConforming]) {
        await m.update(ApplicationMaterialRow, { applicationId: id, materialCode: f.code }, { status: f.status, problem: f.problem ?? null });
      }
      const listed = { missing: check.missing.map(({ code, name }) => ({ code, name })), nonConforming: check.nonConforming.map(({ code, name, problem }) => ({ code, name, problem: problem ?? '' })) };
      const notice = await this.documents.issue(m, {
        kind: 'correction-notice', applicationId: id, applicationNumber: app.number, issuer: p.orgUnit,
        fields: {
          ...docFields(app), ...listed, note: dto.note ?? null,
          materials: [...check.missing.map((f) => ({ code: f.code, name: f.name, reason: '未提交 (missing)' })), ...check.nonConforming.map((f) => ({ code: f.code, name: f.name, reason: f.problem ?? '不符合要求 (non-conforming)' }))],
        },
      });
      return this.steps.apply(m, app, {
        action: 'request-correction', actor: actorOf(p, Roles.windowClerk), document: notice, note: dto.note ?? null, detail: listed, traceId,
        event: { name: 'correction-requested', data: { ...listed, notice: documentRef(notice) } },
      });
    });
  }

  /** 补正: by the applicant online or at the window (当场补正); back to RECEIVED, the intake period restarts. */
  async correct(p: Principal, app0: ApplicationRow, dto: CorrectionDto, traceId?: string): Promise<ApplicationRow> {
    return this.ds.transaction(async (m) => {
      const app = (await this.queries.find(m, app0.id))!;
      const item = await this.itemOf(app);
      const known = new Set(item.definition.materials.map((x) => x.code));
      const unknown = dto.materials.map((x) => x.code).filter((c) => !known.has(c));
      if (unknown.length) throw new UnknownMaterialError(unknown);
      const now = new Date();
      for (const g of dto.materials) {
        if (app.channel === 'online' && g.paper) throw new RuleRefusedError('网上补正须上传文件或引用电子证照 (online: upload a file or cite an e-licence)');
        await m.update(ApplicationMaterialRow, { applicationId: app.id, materialCode: g.code }, {
          status: 'provided', problem: null, providedAt: now, ...(g.eLicenceRef ? { eLicenceRef: g.eLicenceRef } : {}),
        });
      }
      // Files uploaded since the notice already sit on their rows; a re-check marks what still fails.
      const check = this.check(item, app, await this.queries.materials(m, app.id));
      for (const f of check.findings) {
        await m.update(ApplicationMaterialRow, { applicationId: app.id, materialCode: f.code }, { status: f.status, problem: f.problem ?? null });
      }
      const today = todayInShanghai(now);
      return this.steps.apply(m, app, {
        action: 'correct', actor: actorOf(p, p.type === 'staff' ? Roles.windowClerk : undefined), note: dto.note ?? null, traceId,
        changes: { intakeClockFrom: today },
        detail: { handedIn: dto.materials.map((x) => x.code), stillMissing: check.missing.map((f) => f.code), stillNonConforming: check.nonConforming.map((f) => f.code) },
        event: { name: 'corrected', data: { correctedOn: today } },
      });
    });
  }

  // ---- the intake decision (A3, A4, A5) ----

  async accept(p: StaffPrincipal, id: string, note: string | undefined, traceId?: string): Promise<ApplicationRow> {
    return this.ds.transaction(async (m) => {
      const app = await this.queries.find(m, id);
      assertClerkOf(p, app, id);
      const item = await this.itemOf(app);
      const check = this.check(item, app, await this.queries.materials(m, id));
      if (app.state === 'RECEIVED' && !check.complete) throw new MaterialsIncompleteError('受理', check.missing, check.nonConforming);
      return this.acceptIn(m, app, actorOf(p, Roles.windowClerk), p.orgUnit, { instant: false, note, traceId });
    });
  }

  private async acceptIn(m: EntityManager, app: ApplicationRow, actor: StepActor, issuer: string, o: { instant: boolean; note?: string; traceId?: string }): Promise<ApplicationRow> {
    const acceptedOn = todayInShanghai();
    const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays);
    const doc = await this.documents.issue(m, {
      kind: 'acceptance', applicationId: app.id, applicationNumber: app.number, issuer,
      fields: { ...docFields(app), acceptedOn, ...dueFields(due) },
    });
    return this.steps.apply(m, app, {
      action: 'accept', actor, document: doc, note: o.note ?? null, traceId: o.traceId, changes: { acceptedOn, ...due }, detail: { acceptedOn, ...dueFields(due) },
      event: { name: 'accepted', data: { acceptedOn, ...dueFields(due), instant: o.instant, document: documentRef(doc) } },
    });
  }

  async reject(p: StaffPrincipal, id: string, dto: RejectDto, traceId?: string): Promise<ApplicationRow> {
    return this.ds.transaction(async (m) => {
      const app = await this.queries.find(m, id);
      assertClerkOf(p, app, id);
      const doc = await this.documents.issue(m, {
        kind: 'rejection', applicationId: id, applicationNumber: app.number, issuer: p.orgUnit,
        fields: { ...docFields(app), reason: dto.reason, ...(dto.redirectTo ? { redirectTo: dto.redirectTo } : {}) },
      });
      return this.steps.apply(m, app, {
        action: 'reject', actor: actorOf(p, Roles.windowClerk), document: doc, note: dto.reason, traceId,
        changes: { closingReason: dto.reason }, detail: { redirectTo: dto.redirectTo ?? null },
        event: { name: 'rejected', data: { reason: dto.reason, redirectTo: dto.redirectTo ?? null, document: documentRef(doc) } },
      });
    });
  }

  /** 容缺受理 (A4): all primary materials present and a signed commitment; missing secondary ones get due dates. */
  async gapAccept(p: StaffPrincipal, id: string, dto: GapAcceptDto, traceId?: string): Promise<ApplicationRow> {
    return this.ds.transaction(async (m) => {
      const app = await this.queries.find(m, id);
      assertClerkOf(p, app, id);
      const item = await this.itemOf(app);
      const days = item.definition.gapAcceptanceDays;
      if (days === null || days === undefined) throw new RuleRefusedError('该事项不适用容缺受理 (gap acceptance not allowed for this item)', { itemCode: app.itemCode });
      const rows = await this.queries.materials(m, id);
      const check = this.check(item, app, rows.filter((r) => r.materialCode !== COMMITMENT_MATERIAL));
      if (!check.primaryComplete) throw new MaterialsIncompleteError('容缺受理', check.missing.filter((f) => f.requirement === 'primary'), check.nonConforming.filter((f) => f.requirement === 'primary'));
      const gaps = [...check.missing, ...check.nonConforming];
      if (gaps.length === 0) throw new RuleRefusedError('材料齐全，请直接受理 (materials complete: accept instead)');
      const commitmentFile = rows.find((r) => r.materialCode === COMMITMENT_MATERIAL && r.fileId);
      if (!commitmentFile && !dto.commitment.paper) {
        throw new RuleRefusedError('须提交签署的信用承诺书 (a signed commitment is required: upload it as material COMMITMENT or confirm the paper)');
      }
      const now = new Date();
      const acceptedOn = todayInShanghai(now);
      const dueOn = gapMaterialDue(intakeCalendar, acceptedOn, days);
      if (!commitmentFile) {
        await m.insert(ApplicationMaterialRow, {
          applicationId: id, materialCode: COMMITMENT_MATERIAL, name: `信用承诺书（${dto.commitment.signedBy}签署）`, requirement: 'primary', status: 'provided',
          fileId: null, eLicenceRef: null, problem: null, dueOn: null, remindedAt: null, overdueReportedAt: null, providedAt: now,
        });
      }
      for (const g of gaps) await m.update(ApplicationMaterialRow, { applicationId: id, materialCode: g.code }, { status: 'promised', dueOn });
      const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays, [dueOn]);
      const promisedMaterials = gaps.map((g) => ({ code: g.code, name: g.name, dueOn }));
      const doc = await this.documents.issue(m, {
        kind: 'acceptance', applicationId: id, applicationNumber: app.number, issuer: p.orgUnit,
        fields: { ...docFields(app), acceptedOn, ...dueFields(due), gapAcceptance: true, promisedMaterials, commitmentSignedBy: dto.commitment.signedBy },
      });
      // The 告知承诺书 the applicant signs: what is promised and by when.
      const commitmentDoc = await this.documents.issue(m, {
        kind: 'gap-commitment', applicationId: id, applicationNumber: app.number, issuer: p.orgUnit,
        fields: { ...docFields(app), acceptedOn, missingMaterials: gaps.map((g) => ({ code: g.code, name: g.name, dueDate: dueOn })), signedBy: dto.commitment.signedBy, ...provisionalFieldsOf(due.dueProvisionalYears) },
      });
      return this.steps.apply(m, app, {
        action: 'gap-accept', actor: actorOf(p, Roles.windowClerk), document: doc, note: dto.note ?? null, traceId,
        changes: { acceptedOn, ...due, gapAccepted: true }, detail: { acceptedOn, ...dueFields(due), promisedMaterials, commitmentSignedBy: dto.commitment.signedBy, commitmentDocument: documentRef(commitmentDoc) },
        event: { name: 'gap-accepted', data: { acceptedOn, ...dueFields(due), promisedMaterials, document: documentRef(doc) } },
      });
    });
  }

  /**
   * 当场决定 (A5): an instant item accepted, decided and concluded in one request, by a clerk who holds
   * the authority (role approver, or staff of the item's department). Each step is recorded and
   * evented; the 'accepted' event says instant, so no department task is made for it.
   */
  async instantDecision(p: StaffPrincipal, id: string, dto: DecisionDto, traceId?: string): Promise<ApplicationRow> {
    return this.ds.transaction(async (m) => {
      const app = await this.queries.find(m, id);
      assertClerkOf(p, app, id);
      if (app.mode !== 'instant') throw new RuleRefusedError('该事项不是即办件 (not an instant item)', { itemCode: app.itemCode, mode: app.mode });
      if (!(p.roles.includes(Roles.approver) || p.department === app.department)) {
        throw new ForbiddenException({ message: '无当场决定权限 (no authority to decide on the spot: role approver or the item\'s department needed)' });
      }
      const item = await this.itemOf(app);
      const check = this.check(item, app, await this.queries.materials(m, id));
      if (app.state === 'RECEIVED' && !check.complete) throw new MaterialsIncompleteError('受理', check.missing, check.nonConforming);
      const actor = actorOf(p, p.roles.includes(Roles.approver) ? Roles.approver : Roles.windowClerk);
      let a = await this.acceptIn(m, app, actor, p.orgUnit, { instant: true, traceId });
      a = await this.steps.apply(m, a, { action: 'start-review', actor, traceId, note: '当场审查 (reviewed on the spot)' });
      a = await this.decideIn(m, a, actor, p.orgUnit, dto, traceId);
      return this.concludeIn(m, a, actor, traceId);
    });
  }

  /** The decision step (A6): the decision document and the event. Shared with the back office. */
  async decideIn(m: EntityManager, app: ApplicationRow, actor: StepActor, issuer: string, dto: DecisionDto, traceId?: string, taskId?: string): Promise<ApplicationRow> {
    const now = new Date();
    const decidedOn = todayInShanghai(now);
    const doc = await this.documents.issue(m, {
      kind: dto.outcome === 'granted' ? 'decision-grant' : 'decision-refusal', applicationId: app.id, applicationNumber: app.number, issuer,
      fields: { ...docFields(app), outcome: dto.outcome, reasons: dto.reasons, legalBasis: dto.legalBasis, decidedOn },
    });
    return this.steps.apply(m, app, {
      action: 'decide', actor, document: doc, note: dto.reasons, traceId, changes: { outcome: dto.outcome, decidedAt: now },
      detail: { outcome: dto.outcome, legalBasis: dto.legalBasis, ...(taskId ? { taskId } : {}) },
      event: {
        name: 'decided',
        data: {
          outcome: dto.outcome, decidedOn, reasons: dto.reasons, legalBasis: dto.legalBasis, document: documentRef(doc),
          withinPromised: app.promisedDue ? decidedOn <= app.promisedDue : null, withinLegal: app.legalDue ? decidedOn <= app.legalDue : null,
        },
      },
    });
  }

  async concludeIn(m: EntityManager, app: ApplicationRow, actor: StepActor, traceId?: string): Promise<ApplicationRow> {
    const now = new Date();
    return this.steps.apply(m, app, {
      action: 'conclude', actor, traceId, changes: { concludedAt: now },
      event: { name: 'concluded', data: { concludedOn: todayInShanghai(now), outcome: app.outcome ?? 'refused' } },
    });
  }

  async itemOf(app: ApplicationRow): Promise<ItemVersion> {
    return this.catalogue.version(app.itemCode, app.itemVersion);
  }
}

/** What every document of an application prints, and whom it belongs to (the documents feature lets the owner read it). */
export function docFields(app: ApplicationRow) {
  return { applicantSubject: app.applicantSubject, applicantName: app.applicantName, itemCode: app.itemCode, itemName: app.itemName };
}

/**
 * The item's own materials (M01...) from what was given against the bundle's merged list (B01...):
 * the catalogue merges materials of the same normalised name, so the same rule maps them back.
 */
export function itemMaterialsFromBundle(def: ItemDefinition, merged: MaterialRequirement[], given: MaterialGivenDto[]): MaterialGivenDto[] {
  const byCode = new Map(given.map((g) => [g.code, g]));
  const out: MaterialGivenDto[] = [];
  for (const m of def.materials) {
    const key = normaliseMaterialName(m.name);
    const b = merged.find((x) => (!x.usedBy || x.usedBy.includes(def.code)) && normaliseMaterialName(x.name) === key);
    const g = b && byCode.get(b.code);
    if (g) out.push({ ...g, code: m.code });
  }
  return out;
}

function givenOf(m: MaterialGivenDto, channel: 'online' | 'window'): GivenMaterial {
  return { code: m.code, eLicenceRef: m.eLicenceRef ?? null, paper: channel === 'window' ? m.paper === true : m.paper };
}
