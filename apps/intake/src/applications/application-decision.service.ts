import { Injectable } from '@nestjs/common';
import { todayInShanghai } from '@onewindow/calendar';
import type { EntityManager } from 'typeorm';
import { DocumentIssuer } from '../documents/documents.types';
import { ApplicationStepService, documentRef } from './application-step.service';
import type { StepActor } from './domain/actor';
import { docFields } from './domain/document-fields';
import type { DecisionDto } from './dto/application.dto';
import type { ApplicationEntity } from './entities/application.entity';

/**
 * The decision (A6) and the conclusion (A9) of an application, inside the caller's transaction: the
 * back office's task, an instant decision at the window, or a conclusion on its own.
 */
@Injectable()
export class ApplicationDecisionService {
  constructor(
    private readonly documents: DocumentIssuer,
    private readonly steps: ApplicationStepService,
  ) {}

  /** The decision step: the decision document and the event. */
  async decideIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    issuer: string,
    dto: DecisionDto,
    traceId?: string,
    taskId?: string,
  ): Promise<ApplicationEntity> {
    const now = new Date();
    const decidedOn = todayInShanghai(now);
    const doc = await this.documents.issue(m, {
      kind: dto.outcome === 'granted' ? 'decision-grant' : 'decision-refusal',
      applicationId: app.id,
      applicationNumber: app.number,
      issuer,
      fields: { ...docFields(app), outcome: dto.outcome, reasons: dto.reasons, legalBasis: dto.legalBasis, decidedOn },
    });
    return this.steps.apply(m, app, {
      action: 'decide',
      actor,
      document: doc,
      note: dto.reasons,
      traceId,
      changes: { outcome: dto.outcome, decidedAt: now },
      detail: { outcome: dto.outcome, legalBasis: dto.legalBasis, ...(taskId ? { taskId } : {}) },
      event: {
        name: 'decided',
        data: {
          outcome: dto.outcome,
          decidedOn,
          reasons: dto.reasons,
          legalBasis: dto.legalBasis,
          document: documentRef(doc),
          withinPromised: app.promisedDue ? decidedOn <= app.promisedDue : null,
          withinLegal: app.legalDue ? decidedOn <= app.legalDue : null,
        },
      },
    });
  }

  async concludeIn(
    m: EntityManager,
    app: ApplicationEntity,
    actor: StepActor,
    traceId?: string,
  ): Promise<ApplicationEntity> {
    const now = new Date();
    return this.steps.apply(m, app, {
      action: 'conclude',
      actor,
      traceId,
      changes: { concludedAt: now },
      event: { name: 'concluded', data: { concludedOn: todayInShanghai(now), outcome: app.outcome ?? 'refused' } },
    });
  }
}
