import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SigningKeyEntity } from './entities/signing-key.entity';

/** The queries of `signing_key`. */
@Injectable()
export class SigningKeyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Serialises key changes across replicas (first start, rotation), for the caller's transaction. */
  async lockKeyChanges(m: EntityManager): Promise<void> {
    await m.query(`select pg_advisory_xact_lock(hashtext('gateway:signing-key'))`);
  }

  /** Keys that sign now. */
  async countSigning(m: EntityManager): Promise<number> {
    const [{ n }] = await m.query(
      `select count(*)::int as n from signing_key where activates_at <= now() and (retires_at is null or retires_at > now())`,
    );
    return n;
  }

  /** Keys still signing, or retired after `since` (their tokens may still be in use). */
  findPublishedSince(since: Date): Promise<SigningKeyEntity[]> {
    return this.ds
      .getRepository(SigningKeyEntity)
      .createQueryBuilder('k')
      .where('k.retires_at is null or k.retires_at > :since', { since })
      .getMany();
  }

  /** Every key still signing at `at` (or later) stops at `at`. */
  async retireFrom(m: EntityManager, at: Date): Promise<void> {
    await m.query(`update signing_key set retires_at = $1 where retires_at is null or retires_at > $1`, [at]);
  }

  async insert(m: EntityManager, row: SigningKeyEntity): Promise<void> {
    await m.getRepository(SigningKeyEntity).insert(row);
  }
}
