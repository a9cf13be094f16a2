import { Injectable } from '@nestjs/common';
import { intakeApplicationEvents, type PayloadOf } from '@onewindow/contracts';
import { OutboxRow, OutboxWriter } from '@onewindow/messaging';
import type { EntityManager } from 'typeorm';
import type { IssuedDocument } from '../documents/documents.types';
import { eventActor, StepActor } from './domain/actor';
import { APPLICATION_ACTIONS, ApplicationAction, ApplicationState, nextState } from './domain/application-state';
import { ApplicationRepository } from './application.repository';
import { ApplicationStepRepository } from './application-step.repository';
import { GENESIS_HASH, stepHash } from './domain/step-chain';
import { ApplicationEntity } from './entities/application.entity';
import { ApplicationStepEntity } from './entities/application-step.entity';

export interface StepRequest {
  /** A state-machine action, or a step that changes no state ('task-assigned', 'extended', ...). */
  action: ApplicationAction | string;
  actor: StepActor;
  /** Column changes written with the step (dates, outcome...). */
  changes?: Partial<ApplicationEntity>;
  document?: IssuedDocument | null;
  note?: string | null;
  detail?: Record<string, unknown> | null;
  /** The event to write: its name and the fields beyond the common core, typed by its contract. */
  event?: StepEvent;
  traceId?: string;
  at?: Date;
}

type ApplicationEvents = typeof intakeApplicationEvents;
type CoreField = keyof ReturnType<typeof eventCore>;
/** `{ name, data }` of an application event: `data` is the contract's payload less the common core, so a changed schema breaks every step that writes it. */
export type StepEvent = {
  [N in keyof ApplicationEvents]: { name: N; data: Omit<PayloadOf<ApplicationEvents[N]>, CoreField> };
}[keyof ApplicationEvents];

const STATE_ACTIONS = new Set<string>(APPLICATION_ACTIONS);

export function eventCore(app: ApplicationEntity, state: ApplicationState = app.state) {
  return {
    applicationId: app.id,
    applicationNumber: app.number,
    itemCode: app.itemCode,
    itemVersion: app.itemVersion,
    department: app.department,
    division: app.division,
    state,
  };
}

export function documentRef(d: IssuedDocument | null | undefined) {
  return d ? { id: d.id, kind: d.kind, number: d.number } : null;
}

/**
 * Every change to an application goes through `apply`: the state machine check, the compare-and-set
 * on `version` (F6: of two concurrent clerks exactly one wins, the other gets 409), the hash-chained
 * timeline step and the event, all in the caller's transaction. The version update also holds the
 * row lock until commit, which is what serialises appends to the chain.
 */
@Injectable()
export class ApplicationStepService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly applications: ApplicationRepository,
    private readonly stepRows: ApplicationStepRepository,
  ) {}

  async apply(m: EntityManager, app: ApplicationEntity, req: StepRequest): Promise<ApplicationEntity> {
    const from = app.state;
    const to = STATE_ACTIONS.has(req.action) ? nextState(from, req.action as ApplicationAction) : from;
    const changes = { ...(req.changes ?? {}), state: to } as Partial<ApplicationEntity>;
    const version = await this.applications.updateVersioned(m, app, changes);
    const updated = Object.assign(new ApplicationEntity(), app, changes, { version });
    await this.appendStep(m, updated, from, req);
    const event = this.eventRow(updated, req);
    if (event) await this.outbox.write(m, event);
    return updated;
  }

  /**
   * A step row chained onto `prevHash`, and its event's outbox row, without writing anything: for the
   * submission, which writes the new application's first steps in its own single statement.
   */
  prepare(
    app: ApplicationEntity,
    from: ApplicationState | null,
    req: StepRequest,
    seq: number,
    prevHash: string,
  ): { step: ApplicationStepEntity; event: OutboxRow | null } {
    return { step: this.chained(app, from, req, seq, prevHash), event: this.eventRow(app, req) };
  }

  private eventRow(app: ApplicationEntity, req: StepRequest): OutboxRow | null {
    if (!req.event) return null;
    const contract = intakeApplicationEvents[req.event.name];
    return this.outbox.prepare(contract, {
      subject: app.id,
      actor: eventActor(req.actor),
      traceId: req.traceId,
      data: { ...eventCore(app), ...req.event.data } as PayloadOf<typeof contract>,
    });
  }

  private chained(
    app: ApplicationEntity,
    from: ApplicationState | null,
    req: StepRequest,
    seq: number,
    prevHash: string,
  ): ApplicationStepEntity {
    const step = {
      applicationId: app.id,
      seq,
      action: req.action,
      fromState: from,
      toState: app.state,
      actorType: req.actor.type,
      actorId: req.actor.id,
      actorName: req.actor.name ?? null,
      actorRole: req.actor.role ?? null,
      actorDepartment: req.actor.department ?? null,
      actorOrgUnit: req.actor.orgUnit ?? null,
      at: req.at ?? new Date(),
      documentId: req.document?.id ?? null,
      documentKind: req.document?.kind ?? null,
      documentNumber: req.document?.number ?? null,
      note: req.note ?? null,
      detail: req.detail ?? null,
    };
    return Object.assign(new ApplicationStepEntity(), step, { prevHash, hash: stepHash(prevHash, step) });
  }

  private async appendStep(
    m: EntityManager,
    app: ApplicationEntity,
    from: ApplicationState | null,
    req: StepRequest,
  ): Promise<void> {
    const head = await this.stepRows.head(m, app.id);
    await this.stepRows.insert(m, this.chained(app, from, req, head ? head.seq + 1 : 1, head?.hash ?? GENESIS_HASH));
  }
}
