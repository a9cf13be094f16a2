import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The daily counters of `registration_counter`, for registration numbers (QY) and licence numbers (YZ). */
@Injectable()
export class RegistrationCounterRepository {
  /**
   * The next number of the day for a kind (registration, licence) and division: 1, 2, 3… The counter row
   * is locked until the caller's transaction ends, so numbers are gapless and never repeat.
   */
  async next(m: EntityManager, kind: 'registration' | 'licence', division: string, day: string): Promise<number> {
    const [row] = await m.query(
      `insert into registration_counter (kind, division, day, last) values ($1, $2, $3, 1)
     on conflict (kind, division, day) do update set last = registration_counter.last + 1 returning last`,
      [kind, division, day],
    );
    return Number(row.last);
  }
}
