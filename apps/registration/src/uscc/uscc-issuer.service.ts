import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { registrationAuthorities } from '../authorities/authorities';
import { ENTERPRISE, MARKET_REGULATION, sequenceName, usccFromSequence } from './uscc-body';
import { UsccIssuedRepository } from './uscc-issued.repository';

/**
 * Assigns USCCs (R3). Uniqueness rests on two things: nextval on the division's sequence never returns
 * the same number twice, whatever the concurrency and even across rolled-back transactions (a gap is
 * harmless, a repeat impossible); and the uscc_issued primary key refuses a repeat outright if anything
 * ever went wrong with the first.
 */
@Injectable()
export class UsccIssuerService implements OnModuleInit {
  private readonly ready = new Set<string>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly issued: UsccIssuedRepository,
  ) {}

  /** Every authority's sequence exists before the first registration, so the saga never creates one. */
  async onModuleInit(): Promise<void> {
    for (const a of registrationAuthorities) {
      const name = sequenceName(a.division);
      await this.ds.transaction((m) => this.ensureSequence(m, name));
      // Remembered only once committed: a sequence created inside a saga transaction that then rolls
      // back is gone again, so that path checks every time.
      this.ready.add(name);
    }
  }

  private async ensureSequence(m: EntityManager, name: string): Promise<void> {
    if (this.ready.has(name)) return;
    await this.issued.createSequence(m, name);
  }

  async issue(m: EntityManager, registrationId: string, division: string): Promise<string> {
    const name = sequenceName(division);
    await this.ensureSequence(m, name);
    const n = await this.issued.nextValue(m, name);
    const uscc = usccFromSequence(division, Number(n));
    await this.issued.insert(m, {
      uscc,
      registrationId,
      authority: MARKET_REGULATION,
      entityType: ENTERPRISE,
      division,
      sequence: n,
    });
    return uscc;
  }
}
