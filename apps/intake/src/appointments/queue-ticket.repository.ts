import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueueTicketEntity } from './entities/queue-ticket.entity';

/** The queries of the queue: tickets (`queue_ticket`), the day's counters (`queue_counter`) and the categories' letters (`queue_category`). */
@Injectable()
export class QueueTicketRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  ofAppointment(m: EntityManager, appointmentId: string): Promise<QueueTicketEntity> {
    return m.findOneOrFail(QueueTicketEntity, { where: { appointmentId } });
  }

  get(m: EntityManager, id: string): Promise<QueueTicketEntity> {
    return m.findOneOrFail(QueueTicketEntity, { where: { id } });
  }

  async insert(m: EntityManager, ticket: QueueTicketEntity): Promise<void> {
    await m.insert(QueueTicketEntity, ticket);
  }

  async update(m: EntityManager, id: string, changes: Partial<QueueTicketEntity>): Promise<void> {
    await m.update(QueueTicketEntity, { id }, changes);
  }

  /**
   * The next number of the day's counter of a centre and category: the upsert takes its row lock until
   * commit, so two tickets of one category never get the same number (the unique key backs this).
   */
  async nextSeq(m: EntityManager, centre: string, day: string, category: string): Promise<number> {
    const [{ last }] = (await m.query(
      `insert into queue_counter (centre, day, category, last) values ($1, $2, $3, 1)
       on conflict (centre, day, category) do update set last = queue_counter.last + 1
       returning last`,
      [centre, day, category],
    )) as { last: number }[];
    return last!;
  }

  async letterOf(m: EntityManager, centre: string, category: string): Promise<string | undefined> {
    const found = (await m.query(`select letter from queue_category where centre = $1 and category = $2`, [
      centre,
      category,
    ])) as { letter: string }[];
    return found[0]?.letter;
  }

  /** Serialises the assignment of letters at a centre until the transaction ends. */
  async lockCategories(m: EntityManager, centre: string): Promise<void> {
    await m.query(`select pg_advisory_xact_lock(hashtext('queue-category:' || $1))`, [centre]);
  }

  async countCategories(m: EntityManager, centre: string): Promise<number> {
    const [{ n }] = (await m.query(`select count(*)::int as n from queue_category where centre = $1`, [centre])) as {
      n: number;
    }[];
    return n!;
  }

  async insertCategory(m: EntityManager, centre: string, category: string, letter: string): Promise<void> {
    await m.query(`insert into queue_category (centre, category, letter) values ($1, $2, $3)`, [
      centre,
      category,
      letter,
    ]);
  }

  /** The ticket last called to a window counts as served once the window calls again. */
  async serveCalled(m: EntityManager, centre: string, day: string, windowNo: string): Promise<void> {
    await m.query(
      `update queue_ticket set status = 'served' where centre = $1 and day = $2 and window_no = $3 and status = 'called'`,
      [centre, day, windowNo],
    );
  }

  /**
   * The next waiting ticket, locked: appointment tickets whose slot is on now (by slot start), then
   * everyone else by arrival. SKIP LOCKED lets two windows call at once without getting the same ticket.
   */
  async nextWaiting(
    m: EntityManager,
    centre: string,
    day: string,
    now: Date,
    categories?: string[],
  ): Promise<string | undefined> {
    const params: unknown[] = [centre, day, now];
    const byCategory = categories?.length ? `and category = any($${params.push(categories)})` : '';
    const rows = (await m.query(
      `select id from queue_ticket
          where centre = $1 and day = $2 and status = 'waiting' ${byCategory}
          order by case when slot_starts_at <= $3 and $3 < slot_ends_at then 0 else 1 end,
                   case when slot_starts_at <= $3 and $3 < slot_ends_at then slot_starts_at end nulls last,
                   issued_at, seq
          limit 1
          for update skip locked`,
      params,
    )) as { id: string }[];
    return rows[0]?.id;
  }

  /** The last ten numbers called at a centre today. */
  lastCalled(centre: string, day: string): Promise<{ number: string; window_no: string; called_at: Date }[]> {
    return this.ds.query(
      `select number, window_no, called_at from queue_ticket where centre = $1 and day = $2 and called_at is not null order by called_at desc, number desc limit 10`,
      [centre, day],
    );
  }

  /** How many wait per category at a centre today, by letter. */
  waiting(centre: string, day: string): Promise<{ category: string; letter: string; count: number }[]> {
    return this.ds.query(
      `select t.category, c.letter, count(*)::int as count from queue_ticket t join queue_category c on c.centre = t.centre and c.category = t.category
        where t.centre = $1 and t.day = $2 and t.status = 'waiting' group by t.category, c.letter order by c.letter`,
      [centre, day],
    );
  }
}
