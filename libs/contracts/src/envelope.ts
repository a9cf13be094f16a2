import { newId } from './ids';
import { z } from 'zod';
import { isoInstant } from './formats';

/** Who caused an event: a principal as the gateway's token names it, or the system itself. */
export const ActorSchema = z.object({
  type: z.enum(['citizen', 'enterprise', 'staff', 'system', 'public', 'service']),
  id: z.string().min(1).max(128),
});
export type Actor = z.infer<typeof ActorSchema>;

/**
 * The event envelope (CloudEvents-like, 01-architecture.md): `id` is the idempotency key the inbox
 * records; `subject` is the aggregate id and the Kafka message key, so one aggregate's events stay in
 * order on one partition.
 */
export const EnvelopeSchema = z
  .object({
    id: z.string().uuid(),
    type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'type must look like service.aggregate.event'),
    version: z.number().int().positive(),
    source: z.string().min(1).max(64),
    time: isoInstant,
    subject: z.string().min(1).max(200),
    traceId: z.string().min(1).max(128),
    actor: ActorSchema,
    data: z.unknown(),
  })
  .strict();

export type EventEnvelope<T = unknown> = Omit<z.infer<typeof EnvelopeSchema>, 'data'> & { data: T };

export interface NewEvent<T> {
  type: string;
  version?: number;
  source: string;
  subject: string;
  actor: Actor;
  traceId?: string;
  data: T;
  id?: string;
  time?: Date;
}

export function createEnvelope<T>(e: NewEvent<T>): EventEnvelope<T> {
  const id = e.id ?? newId();
  return {
    id,
    type: e.type,
    version: e.version ?? 1,
    source: e.source,
    time: (e.time ?? new Date()).toISOString(),
    subject: e.subject,
    traceId: e.traceId ?? id,
    actor: e.actor,
    data: e.data,
  };
}
