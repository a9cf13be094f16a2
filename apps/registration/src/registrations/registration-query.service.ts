import { ForbiddenException, Injectable } from '@nestjs/common';
import { canSeeDivision, isStaffWithRole, ownerSubjectOf, Roles, type Principal } from '@onewindow/auth';
import { addDays, todayInShanghai } from '@onewindow/calendar';
import { NotVisibleError } from '@onewindow/http';
import { registrationCalendar } from '../shared/calendar';
import { MARKET_REGULATION_DEPARTMENTS } from '../steps/departments';
import type { RegistrationStepEntity } from '../steps/entities/registration-step.entity';
import { RegistrationStepRepository } from '../steps/registration-step.repository';
import type { OneDayReportViewDto } from './dto/registration-view.dto';
import type { RegistrationEntity } from './entities/registration.entity';
import { Access, accessTo } from './registration-access';
import { RegistrationRepository } from './registration.repository';

export const WHAT = '企业开办申请 (registration)';

/** What the founder, market regulation and the departments read of registrations (R7), each as much as they may see. */
@Injectable()
export class RegistrationQueryService {
  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly steps: RegistrationStepRepository,
  ) {}

  async visible(
    p: Principal,
    id: string,
  ): Promise<{ reg: RegistrationEntity; steps: RegistrationStepEntity[]; access: Access }> {
    const reg = await this.registrations.findById(id);
    const steps = reg ? await this.steps.findByRegistration(id) : [];
    const access = reg ? accessTo(p, reg, steps) : undefined;
    if (!reg || !access) throw new NotVisibleError(WHAT, id);
    return { reg, steps, access };
  }

  async mine(p: Principal): Promise<{ reg: RegistrationEntity; steps: RegistrationStepEntity[] }[]> {
    const regs = await this.registrations.findByOwner(ownerSubjectOf(p)!);
    const steps = regs.length ? await this.steps.findByRegistrations(regs.map((r) => r.id)) : [];
    return regs.map((reg) => ({ reg, steps: steps.filter((s) => s.registrationId === reg.id) }));
  }

  /**
   * R7: the share of registrations done within one working day, for those submitted in [from, to],
   * within the divisions the caller sees. Open ones already past one working day are counted too, so
   * the share cannot look good by leaving the slow ones open.
   */
  async oneDayReport(p: Principal, from?: string, to?: string, now = new Date()): Promise<OneDayReportViewDto> {
    const regulator =
      p.type === 'staff' &&
      ((p.department !== undefined && MARKET_REGULATION_DEPARTMENTS.includes(p.department)) ||
        isStaffWithRole(p, Roles.supervisor));
    if (!regulator)
      throw new ForbiddenException({
        message: '仅市场监管与效能监察人员可查看 (market regulation and supervisors only)',
      });
    const today = todayInShanghai(now);
    const period = { from: from ?? addDays(today, -30), to: to ?? today };
    const rows = await this.registrations.oneDayCounts(period.from, period.to);
    const mine = rows.filter((r) => canSeeDivision(p as never, r.division));
    const sum = (f: (r: (typeof rows)[number]) => number) => mine.reduce((a, r) => a + f(r), 0);
    const completed = sum((r) => r.completed);
    const within = sum((r) => r.within);
    return {
      ...period,
      completed,
      completedWithinOneWorkingDay: within,
      share: completed === 0 ? null : within / completed,
      open: sum((r) => r.open),
      openBeyondOneWorkingDay: sum((r) => (registrationCalendar.workingDaysBetween(r.day, today) > 1 ? r.open : 0)),
    };
  }
}
