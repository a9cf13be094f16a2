import { createEnvelope, EventContract, EventEnvelope, EventRegistry, NewEvent, PayloadOf } from '@onewindow/contracts';
import { EntityManager } from 'typeorm';

/** An `outbox_event` row before insertion (OutboxEventEntity's written columns). */
export interface OutboxRow {
  eventId: string;
  topic: string;
  key: string;
  type: string;
  envelope: EventEnvelope;
}

/** An event to write, beside the contract it is written under (which gives its type and version): its payload's type comes from the contract. */
export type OutgoingEvent<T> = Omit<NewEvent<T>, 'type' | 'version' | 'source'>;

/**
 * Writes events into the outbox inside the caller's transaction, so the state change and its event
 * commit together or not at all. The payload is validated against its contract here: an event that
 * breaks its schema fails the write instead of reaching other services.
 */
export class OutboxWriter {
  constructor(
    private readonly registry: EventRegistry,
    private readonly source: string,
  ) {}

  /**
   * Writes `contract`'s event. Publishing takes the contract, not a type string, so a changed schema
   * breaks the compile of every producer (libs/messaging/src/outbox/typed-events.spec.ts).
   */
  async add<C extends EventContract<any>>(
    manager: EntityManager,
    contract: C,
    event: OutgoingEvent<PayloadOf<C>>,
  ): Promise<EventEnvelope<PayloadOf<C>>> {
    const row = this.prepare(contract, event);
    await this.write(manager, row);
    return row.envelope as EventEnvelope<PayloadOf<C>>;
  }

  /** Inserts a prepared row in the caller's transaction. */
  async write(manager: EntityManager, row: OutboxRow): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.add/write must run inside the transaction of the state change');
    }
    await manager.query('insert into outbox_event (event_id, topic, key, type, envelope) values ($1, $2, $3, $4, $5)', [
      row.eventId,
      row.topic,
      row.key,
      row.type,
      JSON.stringify(row.envelope),
    ]);
  }

  /**
   * The validated outbox row of an event, for a caller that writes it itself in the statement of its
   * state change (see MultiInsert in @onewindow/persistence): the same contract check as `add`.
   */
  prepare<C extends EventContract<any>>(contract: C, event: OutgoingEvent<PayloadOf<C>>): OutboxRow {
    const envelope = createEnvelope({ ...event, type: contract.type, version: contract.version, source: this.source });
    const valid = this.registry.validate(envelope);
    return {
      eventId: envelope.id,
      topic: contract.topic,
      key: envelope.subject,
      type: envelope.type,
      envelope: valid as EventEnvelope,
    };
  }
}
