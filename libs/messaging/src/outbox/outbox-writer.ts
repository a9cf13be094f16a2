import { createEnvelope, EventEnvelope, EventRegistry, NewEvent } from '@onewindow/contracts';
import { EntityManager } from 'typeorm';

/** An `outbox_event` row before insertion (OutboxEventEntity's written columns). */
export interface OutboxRow {
  eventId: string;
  topic: string;
  key: string;
  type: string;
  envelope: EventEnvelope;
}

/**
 * Writes events into the outbox inside the caller's transaction, so the state change and its event
 * commit together or not at all. The payload is validated against its contract here: an event that
 * breaks its schema fails the write instead of reaching other services.
 */
export class OutboxWriter {
  constructor(private readonly registry: EventRegistry, private readonly source: string) {}

  async add<T>(manager: EntityManager, event: Omit<NewEvent<T>, 'source'>): Promise<EventEnvelope<T>> {
    const row = this.prepare(event);
    await this.write(manager, row);
    return row.envelope as EventEnvelope<T>;
  }

  /** Inserts a prepared row in the caller's transaction. */
  async write(manager: EntityManager, row: OutboxRow): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.add/write must run inside the transaction of the state change');
    }
    await manager.query(
      'insert into outbox_event (event_id, topic, key, type, envelope) values ($1, $2, $3, $4, $5)',
      [row.eventId, row.topic, row.key, row.type, JSON.stringify(row.envelope)],
    );
  }

  /**
   * The validated outbox row of an event, for a caller that writes it itself in the statement of its
   * state change (see MultiInsert in @onewindow/persistence): the same contract check as `add`.
   */
  prepare<T>(event: Omit<NewEvent<T>, 'source'>): OutboxRow {
    const envelope = createEnvelope({ ...event, source: this.source });
    const valid = this.registry.validate(envelope);
    const contract = this.registry.get(envelope.type, envelope.version)!;
    return { eventId: envelope.id, topic: contract.topic, key: envelope.subject, type: envelope.type, envelope: valid as EventEnvelope };
  }
}
