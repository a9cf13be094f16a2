import { ConflictException, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterEntity, DeadLetterStatus } from '../entities';
import { EventConsumer } from '../inbox/event-consumer';

export interface DeadLetterQuery {
  status?: DeadLetterStatus;
  consumer?: string;
  topic?: string;
  limit?: number;
}

/** Lists, replays and discards dead letters (runbook: "replay dead letters"). */
export class DeadLetterService {
  private readonly consumers = new Map<string, EventConsumer>();

  constructor(private readonly ds: DataSource) {}

  registerConsumer(c: EventConsumer): void {
    this.consumers.set(c.name, c);
  }

  list(q: DeadLetterQuery): Promise<DeadLetterEntity[]> {
    const where: Record<string, unknown> = {};
    if (q.status) where.status = q.status;
    if (q.consumer) where.consumer = q.consumer;
    if (q.topic) where.topic = q.topic;
    return this.ds
      .getRepository(DeadLetterEntity)
      .find({ where, order: { createdAt: 'DESC' }, take: Math.min(q.limit ?? 50, 500) });
  }

  async get(id: string): Promise<DeadLetterEntity> {
    const row = await this.ds.getRepository(DeadLetterEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundException({ message: `死信 ${id} 不存在 (dead letter not found)` });
    return row;
  }

  /**
   * Runs the stored message through its consumer again (after the cause was fixed). It is not
   * re-published to Kafka, so other consumers of the topic, which handled it already, see nothing.
   * The inbox still guards against a second effect.
   */
  async replay(id: string, by: string): Promise<{ outcome: string; deadLetter: DeadLetterEntity }> {
    const row = await this.get(id);
    if (row.status !== 'open')
      throw new ConflictException({
        message: `死信已处理 (dead letter is ${row.status})`,
        details: { currentState: row.status },
      });
    const consumer = this.consumers.get(row.consumer);
    if (!consumer) throw new ConflictException({ message: `本服务没有消费者 ${row.consumer} (no such consumer here)` });
    const outcome = await consumer.process({
      topic: row.topic,
      partition: row.partition,
      offset: row.offset,
      key: row.key,
      value: row.payload,
    });
    if (outcome !== 'dead-lettered') {
      await this.ds.query(
        `update dead_letter set status = 'replayed', resolved_at = now(), resolved_by = $2 where id = $1`,
        [id, by],
      );
    }
    return { outcome, deadLetter: await this.get(id) };
  }

  async discard(id: string, by: string): Promise<DeadLetterEntity> {
    const row = await this.get(id);
    if (row.status !== 'open')
      throw new ConflictException({
        message: `死信已处理 (dead letter is ${row.status})`,
        details: { currentState: row.status },
      });
    await this.ds.query(
      `update dead_letter set status = 'discarded', resolved_at = now(), resolved_by = $2 where id = $1`,
      [id, by],
    );
    return this.get(id);
  }
}
