import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWK } from 'jose';
import { DataSource, EntityManager } from 'typeorm';
import type { SigningKeyEntity } from './entities/signing-key.entity';

/** Every query of `licence_signing_key`. */
@Injectable()
export class SigningKeyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A key from OW_LICENCE_KEY_FILE: its public half only; already known, nothing changes. */
  async insertFromFile(kid: string, alg: string, publicJwk: JWK): Promise<void> {
    await this.ds.query(
      `insert into licence_signing_key (kid, alg, public_jwk, private_pem, source) values ($1, $2, $3, null, 'file') on conflict (kid) do nothing`,
      [kid, alg, publicJwk],
    );
  }

  /** Replicas starting together generate one key: the lock is held until the caller's transaction ends. */
  async lockGeneration(m: EntityManager): Promise<void> {
    await m.query('select pg_advisory_xact_lock(hashtext($1))', ['registration:licence-key']);
  }

  /** The newest key the service generated itself, with its private half. */
  async findLatestGenerated(m: EntityManager): Promise<Pick<SigningKeyEntity, 'kid' | 'privatePem'> | undefined> {
    const [row]: Pick<SigningKeyEntity, 'kid' | 'privatePem'>[] = await m.query(
      `select kid, private_pem as "privatePem" from licence_signing_key where source = 'generated' and private_pem is not null order by created_at desc limit 1`,
    );
    return row;
  }

  async insertGenerated(m: EntityManager, kid: string, alg: string, publicJwk: JWK, privatePem: string): Promise<void> {
    await m.query(
      `insert into licence_signing_key (kid, alg, public_jwk, private_pem, source) values ($1, $2, $3, $4, 'generated')`,
      [kid, alg, publicJwk, privatePem],
    );
  }

  /** Every public key ever used, oldest first, with its kid. */
  findPublicKeys(): Promise<{ kid: string; publicJwk: JWK }[]> {
    return this.ds.query('select kid, public_jwk as "publicJwk" from licence_signing_key order by created_at');
  }

  /** Every public key ever used, oldest first, as published. */
  findPublicJwks(): Promise<{ publicJwk: JWK }[]> {
    return this.ds.query('select public_jwk as "publicJwk" from licence_signing_key order by created_at');
  }
}
