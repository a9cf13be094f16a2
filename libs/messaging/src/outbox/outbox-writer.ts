import { createEnvelope, EventEnvelope, EventRegistry, NewEvent } from '@onewindow/contracts';
import { EntityManager } from 'typeorm';

/**
 * Writes events into the outbox inside the caller's transaction, so the state change and its event
 * commit together or not at all. The payload is validated against its contract here: an event that
 * breaks its schema fails the write instead of reaching other services.
 */
export class OutboxWriter {
  constructor(private readonly registry: EventRegistry, private readonly source: string) {}

  async add<T>(manager: EntityManager, event: Omit<NewEvent<T>, 'source'>): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.add must run inside the transaction of the state change');
    }
    const envelope = createEnvelope({ ...event, source: this.source });
    const valid = this.registry.validate(envelope);
    const contract = this.registry.get(envelope.type, envelope.version)!;
    await manager.query(
      'insert into outbox_event (event_id, topic, key, type, envelope) values ($1, $2, $3, $4, $5)',
      [envelope.id, contract.topic, envelope.subject, envelope.type, JSON.stringify(valid)],
    );
    return envelope;
  }
}
