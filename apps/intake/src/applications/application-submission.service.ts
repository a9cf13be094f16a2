import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { ownerSubjectOf, Principal, Roles, StaffPrincipal } from '@onewindow/auth';
import { todayInShanghai } from '@onewindow/calendar';
import { formatCaseNumber, validateResidentId, validateUscc } from '@onewindow/codes';
import { newId } from '@onewindow/contracts';
import { BlockAllocator } from '@onewindow/persistence';
import { CatalogueReader, ItemVersion, MaterialRequirement } from '../catalogue/catalogue.types';
import { DocumentIssuer } from '../documents/documents.types';
import { ApplicationAcceptanceService } from './application-acceptance.service';
import { NotOnlineError, NotReceivableHereError, RuleRefusedError, UnknownMaterialError } from './application-errors';
import { ApplicationRepository } from './application.repository';
import { ApplicationMaterialRepository } from './application-material.repository';
import { ApplicationReceiptRepository, ReceiptRows } from './application-receipt.repository';
import { ApplicationStepService, documentRef } from './application-step.service';
import { actorOf, StepActor } from './domain/actor';
import { givenOf, itemMaterialsFromBundle } from './domain/bundle-materials';
import { docFields } from './domain/document-fields';
import { checkMaterials } from './domain/material-check';
import { caseNumberDivision, decidingDivision } from './domain/routing';
import { GENESIS_HASH } from './domain/step-chain';
import type { SubmitApplicationDto, WindowSubmitApplicationDto } from './dto/application.dto';
import { ApplicationEntity } from './entities/application.entity';
import { ApplicationMaterialEntity } from './entities/application-material.entity';

const ONLINE_HALL = '网上办事大厅 (online service hall)';
/** Case numbers reserved per round trip (per division and day). */
const CASE_NUMBER_BLOCK = 20;

export interface ReceivedApplication {
  app: ApplicationEntity;
  materials: ApplicationMaterialEntity[];
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

interface Receipt {
  request: ResolvedRequest;
  parts: { item: ItemVersion; division: string; receivingDivision: string }[];
  dto: SubmitApplicationDto;
  owner: string;
  applicantType: 'citizen' | 'enterprise';
  applicantName: string;
  idNumber: string | null;
  phone: string | null;
  channel: 'online' | 'window';
  orgUnit: string | null;
  receivingLevel: StaffPrincipal['level'] | null;
  actor: StepActor;
  idempotencyKey: string | null;
  traceId?: string;
  issuer: string;
}

/**
 * Receipt (A1): online and window submission, an item or a bundle (一件事), the receipt and the material
 * check at once, and 自动受理 of complete online applications of auto-accept items. Every submission is
 * one statement (docs/adr/0016, 0017).
 */
@Injectable()
export class ApplicationSubmissionService {
  private readonly caseNumbers: BlockAllocator;

  constructor(
    private readonly catalogue: CatalogueReader,
    private readonly documents: DocumentIssuer,
    private readonly steps: ApplicationStepService,
    private readonly acceptance: ApplicationAcceptanceService,
    private readonly applications: ApplicationRepository,
    private readonly materialRows: ApplicationMaterialRepository,
    private readonly receipts: ApplicationReceiptRepository,
  ) {
    this.caseNumbers = new BlockAllocator((key, size) => {
      const [division, day] = key.split('|');
      return this.receipts.reserveCaseNumbers(division, day, size);
    }, CASE_NUMBER_BLOCK);
  }

  async submitOnline(
    p: Principal,
    dto: SubmitApplicationDto,
    idempotencyKey: string,
    traceId?: string,
  ): Promise<Submitted> {
    const owner = ownerSubjectOf(p);
    if (!owner || (p.type !== 'citizen' && p.type !== 'enterprise'))
      throw new ForbiddenException({ message: '仅申请人可网上申请 (only applicants apply online)' });
    // No look-up of the key first: a repeat is rare, and the unique index on (applicant, key) turns it
    // into the first application in receive() (one query less on every first submission).
    const request = await this.resolve(dto);
    const offline = request.items.filter((i) => !i.definition.online);
    if (offline.length) throw new NotOnlineError(offline.map((i) => i.itemCode).join(', '));
    let idNumber: string | null = null;
    if (p.type === 'citizen') {
      idNumber = dto.applicantIdNumber ?? null;
      if (idNumber) this.checkId('citizen', idNumber);
      if (!idNumber && request.items.some((i) => i.definition.idCardOnly))
        throw new RuleRefusedError('一证通办事项须提供身份证号 (ID-card-only item: applicantIdNumber required)');
    } else {
      idNumber = p.uscc;
    }
    const parts = request.items.map((item) => {
      const division = decidingDivision({ itemLevel: item.definition.level, requestedDivision: dto.division });
      return { item, division, receivingDivision: division };
    });
    return this.receive({
      request,
      parts,
      dto,
      owner,
      applicantType: p.type,
      applicantName: p.name,
      idNumber,
      phone: dto.applicantPhone ?? null,
      channel: 'online',
      orgUnit: null,
      receivingLevel: null,
      actor: actorOf(p),
      idempotencyKey,
      traceId,
      issuer: ONLINE_HALL,
    });
  }

  async submitAtWindow(
    p: StaffPrincipal,
    dto: WindowSubmitApplicationDto,
    idempotencyKey: string | undefined,
    traceId?: string,
  ): Promise<Submitted> {
    const a = dto.applicant;
    this.checkId(a.type, a.idNumber);
    const owner =
      a.type === 'enterprise'
        ? `enterprise:${a.idNumber}`
        : a.userId
          ? `citizen:${a.userId}`
          : `resident:${a.idNumber}`;
    if (idempotencyKey) {
      const existing = await this.existing(owner, idempotencyKey, dto);
      if (existing) return existing;
    }
    const request = await this.resolve(dto);
    for (const item of request.items) {
      if (!item.definition.receivableAt.includes(p.level))
        throw new NotReceivableHereError(item.itemCode, p.level, item.definition.receivableAt);
    }
    const parts = request.items.map((item) => ({
      item,
      receivingDivision: p.division,
      division: decidingDivision({
        itemLevel: item.definition.level,
        centreDivision: p.division,
        centreLevel: p.level,
        requestedDivision: dto.division,
      }),
    }));
    return this.receive({
      request,
      parts,
      dto,
      owner,
      applicantType: a.type,
      applicantName: a.name,
      idNumber: a.idNumber,
      phone: a.phone ?? null,
      channel: 'window',
      orgUnit: p.orgUnit,
      receivingLevel: p.level,
      actor: actorOf(p, Roles.windowClerk),
      idempotencyKey: idempotencyKey ?? null,
      traceId,
      issuer: p.orgUnit,
    });
  }

  private checkId(type: 'citizen' | 'enterprise', id: string): void {
    const v = type === 'citizen' ? validateResidentId(id) : validateUscc(id);
    if (!v.valid)
      throw new BadRequestException({
        message:
          type === 'citizen' ? '身份证号码无效 (invalid resident ID number)' : '统一社会信用代码无效 (invalid USCC)',
        details: v.reasons,
      });
  }

  /** A repeated key: the application (or the bundle's applications) received the first time. */
  private async existing(owner: string, key: string, dto: SubmitApplicationDto): Promise<Submitted | null> {
    const one = dto.bundleCode ? null : await this.applications.byIdempotencyKey(owner, key);
    const apps = dto.bundleCode ? await this.applications.byBundleKey(owner, key) : one ? [one] : [];
    if (apps.length === 0) return null;
    const materials = await this.materialRows.ofApplications(apps.map((a) => a.id));
    return {
      created: false,
      applications: apps.map((app) => ({ app, materials: materials.get(app.id)! })),
      bundleCode: apps[0].bundleCode,
    };
  }

  /** The item, or the bundle's items with the merged material list (一件事 / 一表申报, C5). */
  private async resolve(dto: SubmitApplicationDto): Promise<ResolvedRequest> {
    if (Boolean(dto.itemCode) === Boolean(dto.bundleCode)) {
      throw new BadRequestException({
        message: '须指定 itemCode 或 bundleCode 之一 (give exactly one of itemCode, bundleCode)',
        details: [{ field: 'itemCode', problems: ['exactly one of itemCode, bundleCode'] }],
      });
    }
    if (dto.itemCode) {
      const item = await this.catalogue.currentVersion(dto.itemCode);
      return { bundle: null, items: [item], materials: item.definition.materials };
    }
    const b = await this.catalogue.bundle(dto.bundleCode!);
    return { bundle: b.code, items: b.items, materials: b.materials };
  }

  private async receive(r: Receipt): Promise<Submitted> {
    const known = new Set(r.request.materials.map((m) => m.code));
    const unknown = r.dto.materials.map((m) => m.code).filter((c) => !known.has(c));
    if (unknown.length) throw new UnknownMaterialError(unknown);
    const now = new Date();
    const today = todayInShanghai(now);
    const group = r.request.bundle ? newId() : null;
    const received: ReceivedApplication[] = [];
    const rows: ReceiptRows = { applications: [], materials: [], documents: [], steps: [], events: [] };
    for (const part of r.parts) {
      const def = part.item.definition;
      // In a bundle the applicant gave the merged materials (B01...): each item reads its own from them.
      const given = r.request.bundle
        ? itemMaterialsFromBundle(def, r.request.materials, r.dto.materials)
        : r.dto.materials;
      const givenByCode = new Map(given.map((g) => [g.code, g]));
      const check = checkMaterials(
        def.materials,
        given.map((m) => givenOf(m, r.channel)),
        { idCardOnly: def.idCardOnly, channel: r.channel },
      );
      const number = await this.nextNumber(caseNumberDivision(part.division), today);
      const app = Object.assign(new ApplicationEntity(), {
        id: newId(),
        number,
        itemCode: part.item.itemCode,
        itemVersion: part.item.version,
        itemName: def.name,
        bundleCode: r.request.bundle,
        bundleGroup: group,
        mode: def.mode,
        twoStepReview: def.twoStepReview,
        applicantType: r.applicantType,
        applicantSubject: r.owner,
        applicantName: r.applicantName,
        applicantIdNumber: r.idNumber,
        applicantPhone: r.phone,
        channel: r.channel,
        receivingOrgUnit: r.orgUnit,
        receivingDivision: part.receivingDivision,
        receivingLevel: r.receivingLevel,
        receivedBy: r.channel === 'window' ? r.actor.id : null,
        department: def.department,
        division: part.division,
        state: 'RECEIVED',
        version: 1,
        formData: r.dto.formData,
        receivedAt: now,
        intakeClockFrom: today,
        acceptedOn: null,
        deemedAccepted: false,
        gapAccepted: false,
        promisedLimitDays: def.promisedLimitDays,
        legalLimitDays: def.legalLimitDays,
        promisedDue: null,
        legalDue: null,
        dueProvisionalYears: [],
        pausedOn: null,
        pausedFor: null,
        pausedWorkingDays: 0,
        extensionDays: 0,
        extensionReason: null,
        outcome: null,
        decidedAt: null,
        concludedAt: null,
        deliveredAt: null,
        deliveryMode: null,
        trackingNumber: null,
        withdrawnAt: null,
        closingReason: null,
        // One key per application: a bundle's applications share the applicant's key, suffixed with the item.
        idempotencyKey:
          r.idempotencyKey === null
            ? null
            : r.request.bundle
              ? `${r.idempotencyKey}/${part.item.itemCode}`
              : r.idempotencyKey,
      } satisfies Partial<ApplicationEntity>);
      const materials = check.findings.map((f) =>
        Object.assign(new ApplicationMaterialEntity(), {
          applicationId: app.id,
          materialCode: f.code,
          name: f.name,
          requirement: f.requirement,
          status: f.status,
          fileId: null,
          eLicenceRef: givenByCode.get(f.code)?.eLicenceRef ?? null,
          problem: f.problem ?? null,
          dueOn: null,
          remindedAt: null,
          overdueReportedAt: null,
          providedAt: f.status === 'provided' ? now : null,
        } satisfies ApplicationMaterialEntity),
      );
      const receipt = await this.documents.prepare({
        kind: 'receipt',
        applicationId: app.id,
        applicationNumber: app.number,
        issuer: r.issuer,
        fields: {
          ...docFields(app),
          receivedOn: today,
          promisedLimitDays: def.promisedLimitDays,
          legalBasis: def.legalBasis,
          bundleCode: r.request.bundle,
          materials: check.findings.map((f) => ({ code: f.code, name: f.name, status: f.status })),
        },
      });
      const first = this.steps.prepare(
        app,
        null,
        {
          action: 'receive',
          actor: r.actor,
          document: receipt.issued,
          at: now,
          traceId: r.traceId,
          detail: {
            channel: r.channel,
            missing: check.missing.map((f) => f.code),
            nonConforming: check.nonConforming.map((f) => f.code),
            ...(group ? { bundleCode: r.request.bundle, bundleGroup: group } : {}),
          },
          event: {
            name: 'received',
            data: {
              channel: r.channel,
              receivedAt: now.toISOString(),
              receivingOrgUnit: r.orgUnit,
              receivingDivision: app.receivingDivision,
              applicantType: r.applicantType,
              bundleCode: r.request.bundle,
              receipt: documentRef(receipt.issued),
            },
          },
        },
        1,
        GENESIS_HASH,
      );
      rows.documents.push(receipt.row);
      rows.steps.push(first.step);
      rows.events.push(first.event!);
      let stored: ApplicationEntity = app;
      // 自动受理: complete online applications of an auto-accept item are accepted in the same statement.
      if (r.channel === 'online' && def.autoAccept && check.complete) {
        const auto = await this.acceptance.prepareAutomatic(app, today, now, first.step.hash, r.traceId);
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
      await this.receipts.write(rows);
    } catch (err) {
      // Two submits with one key at the same moment: the unique index lets one in; the other returns it.
      if (
        r.idempotencyKey &&
        (err as { code?: string; constraint?: string }).code === '23505' &&
        (err as { constraint?: string }).constraint === 'application_owner_idempotency'
      ) {
        const existing = await this.existing(r.owner, r.idempotencyKey, r.dto);
        if (existing) return existing;
      }
      throw err;
    }
    return { created: true, applications: received, bundleCode: r.request.bundle };
  }

  /**
   * Case numbers restart daily per division (formatCaseNumber), reserved a block at a time; a restart
   * leaves a gap in the numbers, which is harmless (docs/adr/0016).
   */
  private async nextNumber(division: string, day: string): Promise<string> {
    return formatCaseNumber({
      division,
      date: day,
      service: 'IN',
      sequence: await this.caseNumbers.next(`${division}|${day}`),
    });
  }
}
