import type { Actor } from '@onewindow/contracts';
import type { Principal } from '@onewindow/auth';

/** Who caused an event: the principal as the token names it; the saga itself is `service:registration`. */
export function actorOf(p: Principal): Actor {
  return { type: p.type, id: p.sub };
}

export const SAGA_ACTOR: Actor = { type: 'service', id: 'registration' };

/** For the step's record: `staff:<sub>`, `system:<client>`, `service:registration`. */
export function actorLabel(a: Actor): string {
  return `${a.type}:${a.id}`;
}
