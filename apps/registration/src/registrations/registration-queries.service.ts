import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canSeeDivision, isStaffWithRole, ownerSubjectOf, Roles, type Principal } from '@onewindow/auth';
import { addDays, todayInShanghai } from '@onewindow/calendar';
import { NotVisibleError } from '@onewindow/http';
import { DataSource, EntityManager, In } from 'typeorm';
import { registrationCalendar } from '../shared/calendar';
import { MARKET_REGULATION_DEPARTMENTS } from '../steps/departments';
import { RegistrationStepRow } from '../steps/entities/registration-step.entity';
import type { OneDayReportView } from './dto/registration-view.dto';
import { RegistrationRow } from './entities/registration.entity';
import { Access, accessTo } from './registration-access';

export const WHAT = '企业开办申请 (registration)';

@Injectable()
export class RegistrationQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async visible(p: Principal, id: string, m: EntityManager = this.ds.manager): Promise<{ reg: RegistrationRow; steps: RegistrationStepRow[]; access: Access }> {
    const reg = await m.findOne(RegistrationRow, { where: { id } });
    const steps = reg ? await m.find(RegistrationStepRow, { where: { registrationId: id } }) : [];
    const access = reg ? accessTo(p, reg, steps) : undefined;
    if (!reg || !access) throw new NotVisibleError(WHAT, id);
    return { reg, steps, access };
  }

  async mine(p: Principal): Promise<{ reg: RegistrationRow; steps: RegistrationStepRow[] }[]> {
    const regs = await this.ds.manager.find(RegistrationRow, { where: { ownerSubject: ownerSubjectOf(p)! }, order: { submittedAt: 'DESC' }, take: 100 });
    const steps = regs.length ? await this.ds.manager.find(RegistrationStepRow, { where: { registrationId: In(regs.map((r) => r.id)) } }) : [];
    return regs.map((reg) => ({ reg, steps: steps.filter((s) => s.registrationId === reg.id) }));
  }

  /**
   * R7: the share of registrations done within one working day, for those submitted in [from, to],
   * within the divisions the caller sees. Open ones already past one working day are counted too, so
   * the share cannot look good by leaving the slow ones open.
   */
  async oneDayReport(p: Principal, from?: string, to?: string, now = new Date()): Promise<OneDayReportView> {
    const regulator = p.type === 'staff' && ((p.department !== undefined && MARKET_REGULATION_DEPARTMENTS.includes(p.department)) || isStaffWithRole(p, Roles.supervisor));
    if (!regulator) throw new ForbiddenException({ message: '仅市场监管与效能监察人员可查看 (market regulation and supervisors only)' });
    const today = todayInShanghai(now);
    const period = { from: from ?? addDays(today, -30), to: to ?? today };
    const rows: { division: string; day: string; completed: number; within: number; open: number }[] = await this.ds.query(
      `select division, to_char((submitted_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
              count(*) filter (where state = 'COMPLETED')::int as completed,
              count(*) filter (where state = 'COMPLETED' and within_one_working_day)::int as within,
              count(*) filter (where state not in ('COMPLETED','WITHDRAWN','NAME_REJECTED'))::int as open
         from registration
        where (submitted_at at time zone 'Asia/Shanghai')::date between $1::date and $2::date
        group by 1, 2`,
      [period.from, period.to],
    );
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
