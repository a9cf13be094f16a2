import { z, ZodType } from 'zod';
import { EnvelopeSchema, EventEnvelope } from './envelope';

/** One event's contract: its type, schema version, the topic it travels on and its payload schema. */
export interface EventContract<T = unknown> {
  type: string;
  version: number;
  topic: string;
  schema: ZodType<T>;
  description?: string;
}

/** The payload type of an event contract, e.g. `PayloadOf<typeof RegistrationLicenceIssued>`. */
export type PayloadOf<C> = C extends EventContract<infer T> ? T : never;

export function defineEvent<S extends ZodType>(c: {
  type: string;
  version?: number;
  topic: string;
  schema: S;
  description?: string;
}): EventContract<z.infer<S>> {
  return { version: 1, ...c } as EventContract<z.infer<S>>;
}

export class ContractViolation extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

function issuesOf(err: z.ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * All event contracts a process knows. Publishing and consuming both go through `validate`, so an
 * event that does not match its schema is refused at the producer and dead-lettered at the consumer.
 */
export class EventRegistry {
  private readonly contracts = new Map<string, EventContract>();

  constructor(contracts: EventContract<any>[] = []) {
    contracts.forEach((c) => this.register(c));
  }

  register(c: EventContract<any>): this {
    const key = `${c.type}@${c.version}`;
    const existing = this.contracts.get(key);
    if (existing && existing !== c) throw new Error(`event contract ${key} registered twice`);
    this.contracts.set(key, c);
    return this;
  }

  get(type: string, version: number): EventContract | undefined {
    return this.contracts.get(`${type}@${version}`);
  }

  all(): EventContract[] {
    return [...this.contracts.values()];
  }

  /** Validates envelope and payload; returns the envelope with the parsed payload. */
  validate(raw: unknown, expectedTopic?: string): EventEnvelope {
    const env = EnvelopeSchema.safeParse(raw);
    if (!env.success) throw new ContractViolation('事件信封不合法 (invalid envelope)', issuesOf(env.error));
    const contract = this.get(env.data.type, env.data.version);
    if (!contract)
      throw new ContractViolation(`未知事件类型 ${env.data.type}@${env.data.version} (unknown event type)`, []);
    if (expectedTopic && contract.topic !== expectedTopic) {
      throw new ContractViolation(`事件 ${contract.type} 不属于主题 ${expectedTopic} (event on wrong topic)`, []);
    }
    const data = contract.schema.safeParse(env.data.data);
    if (!data.success)
      throw new ContractViolation(`事件 ${contract.type} 数据不合法 (invalid payload)`, issuesOf(data.error));
    return { ...env.data, data: data.data };
  }
}
