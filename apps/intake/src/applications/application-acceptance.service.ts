import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Roles, StaffPrincipal } from '@onewindow/auth';
import { todayInShanghai, provisionalFieldsOf } from '@onewindow/calendar';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogueReader } from '../catalogue/catalogue.types';
import { DocumentIssuer } from '../documents/documents.types';
import { dueDatesFrom, dueFields, gapMaterialDue } from '../deadlines/clock';
import { intakeCalendar } from '../deadlines/intake-calendar';
import { assertClerkOf } from './application-access';
import { ApplicationDecisionService } from './application-decision.service';
import { MaterialsIncompleteError, RuleRefusedError } from './application-errors';
import { ApplicationRepository } from './application.repository';
import { ApplicationMaterialRepository } from './application-material.repository';
import { ApplicationStepService, documentRef } from './application-step.service';
import { actorOf, AUTO_ACCEPTANCE, StepActor } from './domain/actor';
import { nextState } from './domain/application-state';
import { docFields } from './domain/document-fields';
import { checkStoredMaterials, COMMITMENT_MATERIAL } from './domain/material-check';
import type { DecisionDto, GapAcceptDto, RejectDto } from './dto/application.dto';
import { ApplicationEntity } from './entities/application.entity';

/**
 * The intake decision (A3, A4, A5) at the window: accept, reject, gap acceptance and instant decisions;
 * and the acceptance by the system (自动受理) that the submission writes with the receipt.
 */
@Injectable()
export class ApplicationAcceptanceService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly documents: DocumentIssuer,
    private readonly steps: ApplicationStepService,
    private readonly decisions: ApplicationDecisionService,
    private readonly applications: ApplicationRepository,
    private readonly materialRows: ApplicationMaterialRepository,
  ) {}

  async accept(p: StaffPrincipal, id: string, note: string | undefined, traceId?: string): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      assertClerkOf(p, app, id);
      const item = await this.catalogue.version(app.itemCode, app.itemVersion);
      const check = checkStoredMaterials(item.definition, app.channel, await this.materialRows.ofApplication(id, m));
      if (app.state === 'RECEIVED' && !check.complete)
        throw new MaterialsIncompleteError('受理', check.missing, check.nonConforming);
      return this.acceptIn(m, app, actorOf(p, Roles.windowClerk), p.orgUnit, { instant: false, note, traceId });
    });
  }

  private async acceptIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    issuer: string,
    o: { instant: boolean; note?: string; traceId?: string },
  ): Promise<ApplicationEntity> {
    const acceptedOn = todayInShanghai();
    const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays);
    const doc = await this.documents.issue(m, {
      kind: 'acceptance',
      applicationId: app.id,
      applicationNumber: app.number,
      issuer,
      fields: { ...docFields(app), acceptedOn, ...dueFields(due) },
    });
    return this.steps.apply(m, app, {
      action: 'accept',
      actor,
      document: doc,
      note: o.note ?? null,
      traceId: o.traceId,
      changes: { acceptedOn, ...due },
      detail: { acceptedOn, ...dueFields(due) },
      event: {
        name: 'accepted',
        data: { acceptedOn, ...dueFields(due), instant: o.instant, document: documentRef(doc) },
      },
    });
  }

  /**
   * The acceptance by the system (自动受理) of a complete online application: the notice, the step chained
   * onto the receipt, the event, prepared for the submission's single statement.
   */
  async prepareAutomatic(app: ApplicationEntity, acceptedOn: string, at: Date, prevHash: string, traceId?: string) {
    const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays);
    const accepted = Object.assign(new ApplicationEntity(), app, {
      state: nextState(app.state, 'accept'),
      acceptedOn,
      ...due,
    } satisfies Partial<ApplicationEntity>);
    const notice = await this.documents.prepare({
      kind: 'acceptance',
      applicationId: app.id,
      applicationNumber: app.number,
      issuer: AUTO_ACCEPTANCE.name,
      fields: { ...docFields(app), acceptedOn, ...dueFields(due) },
    });
    const { step, event } = this.steps.prepare(
      accepted,
      app.state,
      {
        action: 'accept',
        actor: AUTO_ACCEPTANCE,
        document: notice.issued,
        at,
        traceId,
        note: '材料齐全，系统自动受理 (materials complete: accepted automatically)',
        detail: { acceptedOn, ...dueFields(due), automatic: true },
        event: {
          name: 'accepted',
          data: {
            acceptedOn,
            ...dueFields(due),
            instant: false,
            automatic: true,
            document: documentRef(notice.issued),
          },
        },
      },
      2,
      prevHash,
    );
    return { app: accepted, document: notice.row, step, event: event! };
  }

  async reject(p: StaffPrincipal, id: string, dto: RejectDto, traceId?: string): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      assertClerkOf(p, app, id);
      const doc = await this.documents.issue(m, {
        kind: 'rejection',
        applicationId: id,
        applicationNumber: app.number,
        issuer: p.orgUnit,
        fields: { ...docFields(app), reason: dto.reason, ...(dto.redirectTo ? { redirectTo: dto.redirectTo } : {}) },
      });
      return this.steps.apply(m, app, {
        action: 'reject',
        actor: actorOf(p, Roles.windowClerk),
        document: doc,
        note: dto.reason,
        traceId,
        changes: { closingReason: dto.reason },
        detail: { redirectTo: dto.redirectTo ?? null },
        event: {
          name: 'rejected',
          data: { reason: dto.reason, redirectTo: dto.redirectTo ?? null, document: documentRef(doc) },
        },
      });
    });
  }

  /** 容缺受理 (A4): all primary materials present and a signed commitment; missing secondary ones get due dates. */
  async gapAccept(p: StaffPrincipal, id: string, dto: GapAcceptDto, traceId?: string): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      assertClerkOf(p, app, id);
      const item = await this.catalogue.version(app.itemCode, app.itemVersion);
      const days = item.definition.gapAcceptanceDays;
      if (days === null || days === undefined)
        throw new RuleRefusedError('该事项不适用容缺受理 (gap acceptance not allowed for this item)', {
          itemCode: app.itemCode,
        });
      const rows = await this.materialRows.ofApplication(id, m);
      const check = checkStoredMaterials(
        item.definition,
        app.channel,
        rows.filter((r) => r.materialCode !== COMMITMENT_MATERIAL),
      );
      if (!check.primaryComplete)
        throw new MaterialsIncompleteError(
          '容缺受理',
          check.missing.filter((f) => f.requirement === 'primary'),
          check.nonConforming.filter((f) => f.requirement === 'primary'),
        );
      const gaps = [...check.missing, ...check.nonConforming];
      if (gaps.length === 0) throw new RuleRefusedError('材料齐全，请直接受理 (materials complete: accept instead)');
      const commitmentFile = rows.find((r) => r.materialCode === COMMITMENT_MATERIAL && r.fileId);
      if (!commitmentFile && !dto.commitment.paper) {
        throw new RuleRefusedError(
          '须提交签署的信用承诺书 (a signed commitment is required: upload it as material COMMITMENT or confirm the paper)',
        );
      }
      const now = new Date();
      const acceptedOn = todayInShanghai(now);
      const dueOn = gapMaterialDue(intakeCalendar, acceptedOn, days);
      if (!commitmentFile) {
        await this.materialRows.insert(m, {
          applicationId: id,
          materialCode: COMMITMENT_MATERIAL,
          name: `信用承诺书（${dto.commitment.signedBy}签署）`,
          requirement: 'primary',
          status: 'provided',
          fileId: null,
          eLicenceRef: null,
          problem: null,
          dueOn: null,
          remindedAt: null,
          overdueReportedAt: null,
          providedAt: now,
        });
      }
      for (const g of gaps) await this.materialRows.update(m, id, g.code, { status: 'promised', dueOn });
      const due = dueDatesFrom(intakeCalendar, acceptedOn, app.promisedLimitDays, app.legalLimitDays, [dueOn]);
      const promisedMaterials = gaps.map((g) => ({ code: g.code, name: g.name, dueOn }));
      const doc = await this.documents.issue(m, {
        kind: 'acceptance',
        applicationId: id,
        applicationNumber: app.number,
        issuer: p.orgUnit,
        fields: {
          ...docFields(app),
          acceptedOn,
          ...dueFields(due),
          gapAcceptance: true,
          promisedMaterials,
          commitmentSignedBy: dto.commitment.signedBy,
        },
      });
      // The 告知承诺书 the applicant signs: what is promised and by when.
      const commitmentDoc = await this.documents.issue(m, {
        kind: 'gap-commitment',
        applicationId: id,
        applicationNumber: app.number,
        issuer: p.orgUnit,
        fields: {
          ...docFields(app),
          acceptedOn,
          missingMaterials: gaps.map((g) => ({ code: g.code, name: g.name, dueDate: dueOn })),
          signedBy: dto.commitment.signedBy,
          ...provisionalFieldsOf(due.dueProvisionalYears),
        },
      });
      return this.steps.apply(m, app, {
        action: 'gap-accept',
        actor: actorOf(p, Roles.windowClerk),
        document: doc,
        note: dto.note ?? null,
        traceId,
        changes: { acceptedOn, ...due, gapAccepted: true },
        detail: {
          acceptedOn,
          ...dueFields(due),
          promisedMaterials,
          commitmentSignedBy: dto.commitment.signedBy,
          commitmentDocument: documentRef(commitmentDoc),
        },
        event: {
          name: 'gap-accepted',
          data: { acceptedOn, ...dueFields(due), promisedMaterials, document: documentRef(doc) },
        },
      });
    });
  }

  /**
   * 当场决定 (A5): an instant item accepted, decided and concluded in one request, by a clerk who holds
   * the authority (role approver, or staff of the item's department). Each step is recorded and
   * evented; the 'accepted' event says instant, so no department task is made for it.
   */
  async instantDecision(p: StaffPrincipal, id: string, dto: DecisionDto, traceId?: string): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      assertClerkOf(p, app, id);
      if (app.mode !== 'instant')
        throw new RuleRefusedError('该事项不是即办件 (not an instant item)', {
          itemCode: app.itemCode,
          mode: app.mode,
        });
      if (!(p.roles.includes(Roles.approver) || p.department === app.department)) {
        throw new ForbiddenException({
          message: "无当场决定权限 (no authority to decide on the spot: role approver or the item's department needed)",
        });
      }
      const item = await this.catalogue.version(app.itemCode, app.itemVersion);
      const check = checkStoredMaterials(item.definition, app.channel, await this.materialRows.ofApplication(id, m));
      if (app.state === 'RECEIVED' && !check.complete)
        throw new MaterialsIncompleteError('受理', check.missing, check.nonConforming);
      const actor = actorOf(p, p.roles.includes(Roles.approver) ? Roles.approver : Roles.windowClerk);
      let a = await this.acceptIn(m, app, actor, p.orgUnit, { instant: true, traceId });
      a = await this.steps.apply(m, a, {
        action: 'start-review',
        actor,
        traceId,
        note: '当场审查 (reviewed on the spot)',
      });
      a = await this.decisions.decideIn(m, a, actor, p.orgUnit, dto, traceId);
      return this.decisions.concludeIn(m, a, actor, traceId);
    });
  }
}
