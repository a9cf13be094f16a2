import type { Principal } from '@onewindow/auth';
import type { Actor } from '@onewindow/contracts';

/** Who took a step, as the timeline records it (A8: who, role, department). */
export interface StepActor {
  type: 'citizen' | 'enterprise' | 'staff' | 'system';
  id: string;
  name?: string | null;
  role?: string | null;
  department?: string | null;
  orgUnit?: string | null;
}

/** The clock and other automatic steps. */
export const CLOCK_ACTOR: StepActor = { type: 'system', id: 'intake-clock', name: '系统自动 (automatic)' };

/** 自动受理: the system accepting a complete online application of an auto-accept item. */
export const AUTO_ACCEPTANCE: StepActor & { name: string } = {
  type: 'system',
  id: 'intake-auto-acceptance',
  name: '系统自动受理 (automatic acceptance)',
};

/** The step actor for a principal, with the role it acted in (one of its roles). */
export function actorOf(p: Principal, role?: string): StepActor {
  switch (p.type) {
    case 'citizen':
      return { type: 'citizen', id: p.sub, name: p.name, role: 'applicant' };
    case 'enterprise':
      return { type: 'enterprise', id: p.sub, name: p.name, role: 'applicant' };
    case 'staff':
      return {
        type: 'staff',
        id: p.sub,
        name: p.name,
        role: role ?? p.roles[0] ?? null,
        department: p.department ?? null,
        orgUnit: p.orgUnit,
      };
    case 'system':
      return { type: 'system', id: p.sub, name: null, role: 'department-system', department: p.department };
    default:
      throw new Error('the public principal takes no steps');
  }
}

export function eventActor(a: StepActor): Actor {
  return { type: a.type, id: a.id };
}
