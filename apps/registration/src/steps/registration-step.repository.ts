import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { StepDepartment } from '../config/registration-config';
import { RegistrationStepEntity, type StepKind, type StepState } from './entities/registration-step.entity';
import type { DueChange, StepDue } from './step-due';

/** An open step past its due date, as the escalation marked it. */
export interface OverdueStep {
  id: string;
  registration_id: string;
  department: StepDepartment;
  kind: string;
  attempt: number;
  state: string;
  due_on: string;
  due_provisional_years: number[];
}

/** An open step whose due date was counted through a year without an official holiday notice. */
export interface ProvisionalStep {
  id: string;
  registration_id: string;
  department: string;
  kind: string;
  attempt: number;
  requested_at: Date;
  due_on: string;
  due_provisional_years: number[];
  limit_working_days: number | null;
}

/** Every query of the `registration_step` table. */
@Injectable()
export class RegistrationStepRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insertMany(m: EntityManager, steps: Partial<RegistrationStepEntity>[]): Promise<void> {
    await m.insert(RegistrationStepEntity, steps as never);
  }

  async update(m: EntityManager, id: string, changes: QueryDeepPartialEntity<RegistrationStepEntity>): Promise<void> {
    await m.update(RegistrationStepEntity, { id }, changes);
  }

  findForUpdate(m: EntityManager, id: string): Promise<RegistrationStepEntity | null> {
    return m.findOne(RegistrationStepEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The step, locked, if it belongs to the registration. */
  findOfRegistrationForUpdate(
    m: EntityManager,
    registrationId: string,
    id: string,
  ): Promise<RegistrationStepEntity | null> {
    return m.findOne(RegistrationStepEntity, { where: { id, registrationId }, lock: { mode: 'pessimistic_write' } });
  }

  findByRegistration(registrationId: string): Promise<RegistrationStepEntity[]> {
    return this.ds.manager.find(RegistrationStepEntity, { where: { registrationId } });
  }

  findByRegistrations(registrationIds: string[]): Promise<RegistrationStepEntity[]> {
    return this.ds.manager.find(RegistrationStepEntity, { where: { registrationId: In(registrationIds) } });
  }

  /** The registration's steps of these kinds, in the caller's transaction. */
  findOfKinds(m: EntityManager, registrationId: string, kinds: StepKind[]): Promise<RegistrationStepEntity[]> {
    return m.find(RegistrationStepEntity, { where: { registrationId, kind: In(kinds) } });
  }

  /** The registration's steps of these kinds still WAITING, locked. */
  findWaitingForUpdate(m: EntityManager, registrationId: string, kinds: StepKind[]): Promise<RegistrationStepEntity[]> {
    return m.find(RegistrationStepEntity, {
      where: { registrationId, kind: In(kinds), state: 'WAITING' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** A department's steps in one state or any of several, oldest request first. */
  findQueue(department: string, state: StepState | readonly StepState[]): Promise<RegistrationStepEntity[]> {
    return this.ds.getRepository(RegistrationStepEntity).find({
      where: { department, state: typeof state === 'string' ? state : In([...state]) },
      order: { requestedAt: 'ASC' },
      take: 500,
    });
  }

  /** Every step not DONE is cancelled; returns the kinds cancelled. */
  async cancelUnfinished(m: EntityManager, registrationId: string): Promise<{ kind: string }[]> {
    return (
      await m.query(
        `update registration_step set state = 'CANCELLED', version = version + 1, updated_at = now() where registration_id = $1 and state <> 'DONE' returning kind`,
        [registrationId],
      )
    )[0];
  }

  async cancelWaiting(m: EntityManager, registrationId: string): Promise<void> {
    await m.query(
      `update registration_step set state = 'CANCELLED', version = version + 1, updated_at = now() where registration_id = $1 and state = 'WAITING'`,
      [registrationId],
    );
  }

  async completeNameCheck(
    m: EntityManager,
    registrationId: string,
    completedAt: Date,
    completedBy: string | null,
    result: Record<string, unknown>,
  ): Promise<void> {
    await m.query(
      `update registration_step set state = 'DONE', completed_at = $2, completed_by = $3, result = $4, version = version + 1, updated_at = now() where registration_id = $1 and kind = 'name-check'`,
      [registrationId, completedAt, completedBy, JSON.stringify(result)],
    );
  }

  async rejectNameCheck(
    m: EntityManager,
    registrationId: string,
    reason: string,
    completedBy: string | null,
  ): Promise<void> {
    await m.query(
      `update registration_step set state = 'REJECTED', reason = $2, completed_by = $3, version = version + 1, updated_at = now() where registration_id = $1 and kind = 'name-check'`,
      [registrationId, reason, completedBy],
    );
  }

  /** The licence step of a registration, if still WAITING, done by the saga. */
  async completeLicenceStep(
    m: EntityManager,
    registrationId: string,
    now: Date,
    result: Record<string, unknown>,
  ): Promise<void> {
    await m.query(
      `update registration_step set state = 'DONE', requested_at = coalesce(requested_at, $2), completed_at = $2, completed_by = 'service:registration', result = $3, version = version + 1, updated_at = now()
        where registration_id = $1 and kind = 'licence' and state = 'WAITING'`,
      [registrationId, now, JSON.stringify(result)],
    );
  }

  /** Tries the escalation's transaction-level advisory lock: true if this transaction holds it. */
  async tryEscalationLock(m: EntityManager): Promise<boolean> {
    const [{ locked }] = await m.query('select pg_try_advisory_xact_lock(hashtext($1)) as locked', [
      'registration:escalation',
    ]);
    return locked;
  }

  /** Marks up to 1000 open steps due before `today` and not escalated yet as escalated at `now`; returns them. */
  async escalateOverdue(m: EntityManager, today: string, now: Date): Promise<OverdueStep[]> {
    const [rows]: [OverdueStep[], number] = await m.query(
      `update registration_step s set escalated_at = $2, version = s.version + 1, updated_at = now()
          where s.id in (select id from registration_step
                          where state in ('REQUESTED','QUEUED','CLAIMED') and escalated_at is null and due_on < $1::date
                          order by due_on limit 1000 for update skip locked)
          returning s.id, s.registration_id, s.department, s.kind, s.attempt, s.state, to_char(s.due_on, 'YYYY-MM-DD') as due_on, s.due_provisional_years`,
      [today, now],
    );
    return rows;
  }

  /**
   * Up to `limit` open steps provisional for one of the `officialYears`, locked; steps locked by another
   * transaction are skipped.
   */
  findProvisionalForUpdate(m: EntityManager, officialYears: number[], limit: number): Promise<ProvisionalStep[]> {
    return m.query(
      `select id, registration_id, department, kind, attempt, requested_at, to_char(due_on, 'YYYY-MM-DD') as due_on, due_provisional_years, limit_working_days
           from registration_step
          where cardinality(due_provisional_years) > 0 and state in ('REQUESTED','QUEUED','CLAIMED')
            and due_provisional_years && $1::int[] and requested_at is not null and due_on is not null
          order by requested_at limit $2 for update skip locked`,
      [officialYears, limit],
    );
  }

  /** Stores a recounted due date with the change appended to the step's due history. */
  async recordDueRecount(m: EntityManager, id: string, due: StepDue, change: DueChange): Promise<void> {
    await m.query(
      `update registration_step set due_on = $2, due_provisional_years = $3::int[], due_history = due_history || jsonb_build_array($4::jsonb),
             version = version + 1, updated_at = now() where id = $1`,
      [id, due.dueOn, due.provisionalYears, JSON.stringify(change)],
    );
  }
}
