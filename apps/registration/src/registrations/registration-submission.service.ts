import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ownerSubjectOf, type Principal } from '@onewindow/auth';
import { todayInShanghai } from '@onewindow/calendar';
import { formatCaseNumber } from '@onewindow/codes';
import {
  RegistrationNameApproved,
  RegistrationNameReviewRequested,
  RegistrationSubmitted,
  newId,
} from '@onewindow/contracts';
import { OutboxWriter } from '@onewindow/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { authorityForDivision, type RegistrationAuthority } from '../authorities/authorities';
import type { RegistrationFormDto } from '../form/dto/registration-form.dto';
import { nameLists } from '../names/name-lists';
import { NameRegisterService } from '../names/name-register.service';
import { NameReviewRepository } from '../names/name-review.repository';
import { checkNameRules } from '../names/name-rules';
import type { NameParts, NameProblem } from '../names/name-structure';
import { actorOf } from '../shared/actor';
import { canonicalJson, sha256Hex } from '../shared/canonical-json';
import { DEPARTMENT_STEPS, sectionOf } from '../steps/departments';
import { RegistrationStepEntity, StepKind, StepState } from '../steps/entities/registration-step.entity';
import { RegistrationStepRepository } from '../steps/registration-step.repository';
import { RegistrationEntity } from './entities/registration.entity';
import { RegistrationCounterRepository } from './registration-counter.repository';
import { RegistrationRepository } from './registration.repository';

interface ChosenName {
  parts: NameParts;
  reviewReasons: NameProblem[];
  similarNames: string[];
}

interface CandidateOutcome {
  candidate: string;
  outcome: 'refused' | 'taken' | 'chosen' | 'not-tried';
  problems: NameProblem[];
}

/** R1 + R2 at the door: one form, validated as a whole, its name checked and reserved, nothing half-written. */
@Injectable()
export class RegistrationSubmissionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly names: NameRegisterService,
    private readonly outbox: OutboxWriter,
    private readonly registrations: RegistrationRepository,
    private readonly counters: RegistrationCounterRepository,
    private readonly steps: RegistrationStepRepository,
    private readonly reviews: NameReviewRepository,
  ) {}

  async submit(
    p: Principal,
    form: RegistrationFormDto,
    idempotencyKey: string | undefined,
    traceId: string,
  ): Promise<{ created: boolean; registration: RegistrationEntity }> {
    const owner = ownerSubjectOf(p)!;
    const formHash = sha256Hex(canonicalJson(form));
    return this.ds.transaction(async (m) => {
      // One founder's submissions one at a time: a repeated key or form sent twice at once then finds
      // the first instead of racing it for the name (the unique indexes stay the last guard).
      await this.registrations.lockOwner(m, owner);
      if (idempotencyKey) {
        const earlier = await this.registrations.findByIdempotencyKey(m, owner, idempotencyKey);
        if (earlier) return { created: false, registration: this.sameForm(earlier, formHash) };
      }
      const existing = await this.registrations.findLiveWithForm(m, owner, formHash);
      if (existing) throw this.duplicate(existing);
      return { created: true, registration: await this.create(m, p, owner, form, formHash, idempotencyKey, traceId) };
    });
  }

  private sameForm(earlier: RegistrationEntity, formHash: string): RegistrationEntity {
    if (earlier.formHash !== formHash) {
      throw new UnprocessableEntityException({
        message: 'Idempotency-Key 已用于另一份表单 (the Idempotency-Key was used for a different form)',
        details: { registrationId: earlier.id },
      });
    }
    return earlier;
  }

  private duplicate(existing: RegistrationEntity | null): ConflictException {
    return new ConflictException({
      message: `同一表单已提交，申请编号 ${existing?.number ?? ''} (duplicate submission: the same form is already registered or in progress)`,
      details: existing ? { registrationId: existing.id, number: existing.number, state: existing.state } : undefined,
    });
  }

  private async create(
    m: EntityManager,
    p: Principal,
    owner: string,
    form: RegistrationFormDto,
    formHash: string,
    key: string | undefined,
    traceId: string,
  ): Promise<RegistrationEntity> {
    const authority = authorityForDivision(form.authorityDivision)!;
    const id = newId();
    const chosen = await this.chooseName(m, id, authority, form.nameCandidates);
    const now = new Date();
    const today = todayInShanghai(now);
    const needsReview = chosen.reviewReasons.length > 0;
    const reg = await this.registrations.insert(m, {
      id,
      number: formatCaseNumber({
        division: authority.division,
        date: today,
        service: 'QY',
        sequence: await this.counters.next(m, 'registration', authority.division, today),
      }),
      ownerSubject: owner,
      applicantType: p.type as 'citizen' | 'enterprise',
      applicantName: 'name' in p ? p.name : p.sub,
      authorityCode: authority.code,
      division: authority.division,
      domicileDivision: form.domicile.division,
      state: needsReview ? 'NAME_REVIEW' : 'LICENSING',
      enterpriseName: chosen.parts.fullName,
      tradeName: chosen.parts.tradeName,
      industry: chosen.parts.industry,
      organisationForm: chosen.parts.form.form,
      enterpriseType: chosen.parts.form.enterpriseType,
      nameDecidedBy: needsReview ? null : authority.selfDeclaredNames ? 'self-declared' : 'rules',
      form,
      formHash,
      idempotencyKey: key ?? null,
      submittedAt: now,
      version: 1,
    });
    await this.steps.insertMany(m, this.initialSteps(reg, form, needsReview, chosen, now));

    const actor = actorOf(p);
    await this.outbox.add(m, RegistrationSubmitted, {
      subject: id,
      actor,
      traceId,
      data: {
        registrationId: id,
        number: reg.number,
        authority: authority.code,
        division: authority.division,
        enterpriseName: reg.enterpriseName,
        applicantType: reg.applicantType,
        submittedAt: now.toISOString(),
      },
    });
    if (needsReview) {
      const reviewId = newId();
      await this.reviews.open(m, {
        id: reviewId,
        registrationId: id,
        authorityCode: authority.code,
        division: authority.division,
        enterpriseName: reg.enterpriseName,
        reasons: chosen.reviewReasons,
        similarNames: chosen.similarNames,
      });
      await this.outbox.add(m, RegistrationNameReviewRequested, {
        subject: id,
        actor,
        traceId,
        data: { registrationId: id, reviewId, enterpriseName: reg.enterpriseName, reasons: chosen.reviewReasons },
      });
    } else {
      await this.outbox.add(m, RegistrationNameApproved, {
        subject: id,
        actor,
        traceId,
        data: {
          registrationId: id,
          enterpriseName: reg.enterpriseName,
          tradeName: reg.tradeName,
          industry: reg.industry,
          organisationForm: reg.organisationForm,
          decidedBy: reg.nameDecidedBy!,
          reviewId: null,
        },
      });
    }
    return reg;
  }

  /**
   * The first candidate, in the founder's order, that passes the rules and is not taken, reserved
   * at once. Similar names go to a reviewer, except where the authority takes self-declared names
   * (自主申报), where the founder's declaration stands and the similar names are recorded.
   */
  private async chooseName(
    m: EntityManager,
    registrationId: string,
    authority: RegistrationAuthority,
    candidates: string[],
  ): Promise<ChosenName> {
    const outcomes: CandidateOutcome[] = candidates.map((candidate) => ({
      candidate,
      outcome: 'not-tried',
      problems: [],
    }));
    for (const [i, candidate] of candidates.entries()) {
      const verdict = checkNameRules(candidate, authority, nameLists);
      if (verdict.outcome === 'refused') {
        outcomes[i] = { candidate, outcome: 'refused', problems: verdict.problems };
        continue;
      }
      const { identical, similar } = await this.names.alike(m, authority.code, verdict.parts);
      const taken: NameProblem = {
        code: 'identical',
        message: `同一登记机关、同一行业已有相同字号的企业名称：${identical.map((n) => n.fullName).join('、')} (an identical trade name in the same industry is already in use under this authority)`,
      };
      if (identical.length > 0 || !(await this.names.reserve(m, registrationId, authority.code, verdict.parts))) {
        outcomes[i] = {
          candidate,
          outcome: 'taken',
          problems: [
            identical.length > 0
              ? taken
              : { ...taken, message: '该名称刚被他人申报 (the name was just reserved by another submission)' },
          ],
        };
        continue;
      }
      const similarReasons: NameProblem[] =
        similar.length > 0 && !authority.selfDeclaredNames
          ? [
              {
                code: 'similar',
                message: `与已有名称近似，需人工审查：${similar.map((n) => n.fullName).join('、')} (similar to existing names: a reviewer decides)`,
              },
            ]
          : [];
      return {
        parts: verdict.parts,
        reviewReasons: [...verdict.reviewReasons, ...similarReasons],
        similarNames: similar.map((n) => n.fullName),
      };
    }
    throw new ConflictException({
      message:
        '备选名称均不可用 (no name candidate can be used): ' +
        outcomes.flatMap((o) => o.problems.map((pr) => `${o.candidate}: ${pr.message}`)).join('；'),
      details: outcomes.map((o) => ({
        field: 'nameCandidates',
        candidate: o.candidate,
        outcome: o.outcome,
        problems: o.problems.map((pr) => pr.message),
        codes: o.problems.map((pr) => pr.code),
      })),
    });
  }

  private initialSteps(
    reg: RegistrationEntity,
    form: RegistrationFormDto,
    needsReview: boolean,
    chosen: ChosenName,
    now: Date,
  ): Partial<RegistrationStepEntity>[] {
    const step = (
      kind: StepKind,
      department: string,
      state: StepState,
      extra: Partial<RegistrationStepEntity> = {},
    ): Partial<RegistrationStepEntity> => ({
      id: newId(),
      registrationId: reg.id,
      kind,
      department,
      mode: null,
      state,
      attempt: 1,
      data: null,
      result: null,
      version: 1,
      ...extra,
    });
    return [
      step('name-check', 'SCJG', needsReview ? 'REVIEW' : 'DONE', {
        requestedAt: now,
        data: { candidates: form.nameCandidates },
        ...(needsReview
          ? { reason: chosen.reviewReasons.map((r) => r.message).join('；') }
          : {
              completedAt: now,
              completedBy: `rules:${reg.nameDecidedBy}`,
              result: {
                enterpriseName: reg.enterpriseName,
                decidedBy: reg.nameDecidedBy,
                similarNames: chosen.similarNames,
              },
            }),
      }),
      step('licence', 'SCJG', 'WAITING'),
      ...DEPARTMENT_STEPS.map((d) => step(d.kind, d.department, 'WAITING', { data: sectionOf(form, d) })),
    ];
  }
}
