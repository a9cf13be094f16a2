import { Injectable } from '@nestjs/common';
import { canSeeDivision, ownerSubjectOf, Principal, Roles } from '@onewindow/auth';
import { NotVisibleError } from '@onewindow/http';
import { canSee, isClerkOf } from './application-access';
import { APPLICATION_PAGE, ApplicationRepository } from './application.repository';
import { ApplicationMaterialRepository } from './application-material.repository';
import { ApplicationStepRepository } from './application-step.repository';
import type { ApplicationState } from './domain/application-state';
import { ChainVerification, verifyChain } from './domain/step-chain';
import type { ApplicationEntity } from './entities/application.entity';
import type { ApplicationMaterialEntity } from './entities/application-material.entity';
import type { ApplicationStepEntity } from './entities/application-step.entity';

/** Reads of applications for the routes; the visibility rules themselves are in application-access.ts. */
@Injectable()
export class ApplicationQueryService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly materialRows: ApplicationMaterialRepository,
    private readonly stepRows: ApplicationStepRepository,
  ) {}

  /** An application the caller may see (S1, S2); anyone else gets 404 as if it did not exist. */
  async visible(p: Principal, id: string): Promise<ApplicationEntity> {
    const app = await this.applications.find(id);
    if (!app || !canSee(p, app)) throw new NotVisibleError('申请', id);
    return app;
  }

  materials(applicationId: string): Promise<ApplicationMaterialEntity[]> {
    return this.materialRows.ofApplication(applicationId);
  }

  materialsOf(ids: string[]): Promise<Map<string, ApplicationMaterialEntity[]>> {
    return this.materialRows.ofApplications(ids);
  }

  /** An applicant's own applications, newest first. */
  async mine(p: Principal, state?: ApplicationState): Promise<ApplicationEntity[]> {
    const owner = ownerSubjectOf(p);
    if (!owner) return [];
    return this.applications.ofApplicant(owner, state);
  }

  /** A window clerk's centre: applications received there, and online ones whose intake decision falls to it. */
  async atCentre(p: Principal, state?: ApplicationState): Promise<ApplicationEntity[]> {
    if (p.type !== 'staff' || !p.roles.includes(Roles.windowClerk)) return [];
    const [window, online] = await Promise.all(this.applications.centreHalves(p, state).map((qb) => qb.getMany()));
    const rows = [...window, ...online]
      .sort((x, y) => y.receivedAt.getTime() - x.receivedAt.getTime())
      .slice(0, APPLICATION_PAGE);
    return rows.filter((a) => isClerkOf(p, a) && canSeeDivision(p, a.receivingDivision));
  }

  timeline(applicationId: string): Promise<ApplicationStepEntity[]> {
    return this.stepRows.timeline(applicationId);
  }

  /** Recomputes the hash chain of the timeline (S8). */
  async verify(applicationId: string): Promise<ChainVerification> {
    return verifyChain(await this.stepRows.timeline(applicationId));
  }
}
