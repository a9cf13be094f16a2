import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isOwner, Principal, Roles, StaffPrincipal } from '@onewindow/auth';
import { todayInShanghai } from '@onewindow/calendar';
import { NotVisibleError } from '@onewindow/http';
import { DataSource } from 'typeorm';
import { CatalogueReader } from '../catalogue/catalogue.types';
import { DocumentIssuer } from '../documents/documents.types';
import { assertClerkOf, isClerkOf } from './application-access';
import { RuleRefusedError, UnknownMaterialError } from './application-errors';
import { ApplicationRepository } from './application.repository';
import { ApplicationMaterialRepository } from './application-material.repository';
import { ApplicationStepService, documentRef } from './application-step.service';
import { actorOf } from './domain/actor';
import { docFields } from './domain/document-fields';
import { checkStoredMaterials, MaterialCheck } from './domain/material-check';
import type { CorrectionDto, CorrectionNoticeDto } from './dto/application.dto';
import type { ApplicationEntity } from './entities/application.entity';

/** The material check and correction (A2, 一次性告知): the check, the one-time correction notice, 补正. */
@Injectable()
export class ApplicationCorrectionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly documents: DocumentIssuer,
    private readonly steps: ApplicationStepService,
    private readonly applications: ApplicationRepository,
    private readonly materialRows: ApplicationMaterialRepository,
  ) {}

  async materialCheck(
    p: Principal,
    id: string,
    clerkFindings: { code: string; problem: string }[] = [],
  ): Promise<MaterialCheck> {
    const app = await this.applications.find(id);
    assertClerkOf(p, app, id);
    const [item, materials] = await Promise.all([
      this.catalogue.version(app.itemCode, app.itemVersion),
      this.materialRows.ofApplication(id),
    ]);
    return checkStoredMaterials(item.definition, app.channel, materials, clerkFindings);
  }

  async requestCorrection(
    p: StaffPrincipal,
    id: string,
    dto: CorrectionNoticeDto,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    return this.ds.transaction(async (m) => {
      const app = await this.applications.find(id, m);
      assertClerkOf(p, app, id);
      const item = await this.catalogue.version(app.itemCode, app.itemVersion);
      const known = new Set(item.definition.materials.map((x) => x.code));
      const unknown = (dto.nonConforming ?? []).map((x) => x.code).filter((c) => !known.has(c));
      if (unknown.length) throw new UnknownMaterialError(unknown);
      const check = checkStoredMaterials(
        item.definition,
        app.channel,
        await this.materialRows.ofApplication(id, m),
        dto.nonConforming ?? [],
      );
      if (check.complete) throw new RuleRefusedError('材料齐全，无需补正 (materials complete: nothing to correct)');
      for (const f of [...check.missing, ...check.nonConforming]) {
        await this.materialRows.update(m, id, f.code, { status: f.status, problem: f.problem ?? null });
      }
      const listed = {
        missing: check.missing.map(({ code, name }) => ({ code, name })),
        nonConforming: check.nonConforming.map(({ code, name, problem }) => ({ code, name, problem: problem ?? '' })),
      };
      const notice = await this.documents.issue(m, {
        kind: 'correction-notice',
        applicationId: id,
        applicationNumber: app.number,
        issuer: p.orgUnit,
        fields: {
          ...docFields(app),
          ...listed,
          note: dto.note ?? null,
          materials: [
            ...check.missing.map((f) => ({ code: f.code, name: f.name, reason: '未提交 (missing)' })),
            ...check.nonConforming.map((f) => ({
              code: f.code,
              name: f.name,
              reason: f.problem ?? '不符合要求 (non-conforming)',
            })),
          ],
        },
      });
      return this.steps.apply(m, app, {
        action: 'request-correction',
        actor: actorOf(p, Roles.windowClerk),
        document: notice,
        note: dto.note ?? null,
        detail: listed,
        traceId,
        event: { name: 'correction-requested', data: { ...listed, notice: documentRef(notice) } },
      });
    });
  }

  /** 补正 by the owner online, or by a clerk of the centre at the window (当场补正); back to RECEIVED, the intake period restarts. */
  async correct(p: Principal, id: string, dto: CorrectionDto, traceId?: string): Promise<ApplicationEntity> {
    const app0 = await this.applications.find(id);
    const allowed =
      app0 &&
      ((p.type === 'staff' && isClerkOf(p, app0)) ||
        ((p.type === 'citizen' || p.type === 'enterprise') && isOwner(p, app0.applicantSubject)));
    if (!allowed) throw new NotVisibleError('申请', id);
    return this.ds.transaction(async (m) => {
      const app = (await this.applications.find(app0.id, m))!;
      const item = await this.catalogue.version(app.itemCode, app.itemVersion);
      const known = new Set(item.definition.materials.map((x) => x.code));
      const unknown = dto.materials.map((x) => x.code).filter((c) => !known.has(c));
      if (unknown.length) throw new UnknownMaterialError(unknown);
      const now = new Date();
      for (const g of dto.materials) {
        if (app.channel === 'online' && g.paper)
          throw new RuleRefusedError('网上补正须上传文件或引用电子证照 (online: upload a file or cite an e-licence)');
        await this.materialRows.update(m, app.id, g.code, {
          status: 'provided',
          problem: null,
          providedAt: now,
          ...(g.eLicenceRef ? { eLicenceRef: g.eLicenceRef } : {}),
        });
      }
      // Files uploaded since the notice already sit on their rows; a re-check marks what still fails.
      const check = checkStoredMaterials(
        item.definition,
        app.channel,
        await this.materialRows.ofApplication(app.id, m),
      );
      for (const f of check.findings) {
        await this.materialRows.update(m, app.id, f.code, { status: f.status, problem: f.problem ?? null });
      }
      const today = todayInShanghai(now);
      return this.steps.apply(m, app, {
        action: 'correct',
        actor: actorOf(p, p.type === 'staff' ? Roles.windowClerk : undefined),
        note: dto.note ?? null,
        traceId,
        changes: { intakeClockFrom: today },
        detail: {
          handedIn: dto.materials.map((x) => x.code),
          stillMissing: check.missing.map((f) => f.code),
          stillNonConforming: check.nonConforming.map((f) => f.code),
        },
        event: { name: 'corrected', data: { correctedOn: today } },
      });
    });
  }
}
