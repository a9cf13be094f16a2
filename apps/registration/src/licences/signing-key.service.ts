import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { REGISTRATION_CONFIG, type RegistrationConfig } from '../config/registration-config';
import { SigningKeyRow } from './entities/signing-key.entity';
import { assertEd25519, LICENCE_ALG, publicJwkOf, publicKeyFromJwk } from './licence-signature';

/**
 * The licence signing key: from OW_LICENCE_KEY_FILE (a secret mounted by the deployment), or else a
 * key generated on first start and kept in the service database. Under an advisory lock, replicas
 * starting together agree on one generated key. Every public key ever used stays published, so a
 * licence signed before a key change still verifies.
 */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly log = new Logger('licence-keys');
  private current?: { kid: string; privateKey: KeyObject };
  private publicKeys = new Map<string, KeyObject>();

  constructor(@InjectDataSource() private readonly ds: DataSource, @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig) {}

  async onModuleInit(): Promise<void> {
    this.current = this.config.licenceKeyFile ? await this.fromFile(this.config.licenceKeyFile) : await this.generatedOrStored();
    await this.refresh();
  }

  private async fromFile(file: string): Promise<{ kid: string; privateKey: KeyObject }> {
    const privateKey = createPrivateKey(readFileSync(file));
    assertEd25519(privateKey, 'OW_LICENCE_KEY_FILE');
    const jwk = await publicJwkOf(privateKey);
    await this.ds.query(`insert into licence_signing_key (kid, alg, public_jwk, private_pem, source) values ($1, $2, $3, null, 'file') on conflict (kid) do nothing`, [jwk.kid, LICENCE_ALG, jwk]);
    this.log.log(`licence key ${jwk.kid} from OW_LICENCE_KEY_FILE`);
    return { kid: jwk.kid, privateKey };
  }

  private async generatedOrStored(): Promise<{ kid: string; privateKey: KeyObject }> {
    return this.ds.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock(hashtext($1))', ['registration:licence-key']);
      const [row]: Pick<SigningKeyRow, 'kid' | 'privatePem'>[] = await m.query(
        `select kid, private_pem as "privatePem" from licence_signing_key where source = 'generated' and private_pem is not null order by created_at desc limit 1`,
      );
      if (row) return { kid: row.kid, privateKey: createPrivateKey(row.privatePem!) };
      const { privateKey } = generateKeyPairSync('ed25519');
      const jwk = await publicJwkOf(privateKey);
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      await m.query(`insert into licence_signing_key (kid, alg, public_jwk, private_pem, source) values ($1, $2, $3, $4, 'generated')`, [jwk.kid, LICENCE_ALG, jwk, pem]);
      this.log.warn(`generated licence key ${jwk.kid}, kept in the database; set OW_LICENCE_KEY_FILE in production`);
      return { kid: jwk.kid, privateKey };
    });
  }

  private async refresh(): Promise<void> {
    const rows: { kid: string; publicJwk: JWK }[] = await this.ds.query('select kid, public_jwk as "publicJwk" from licence_signing_key order by created_at');
    this.publicKeys = new Map(rows.map((r) => [r.kid, publicKeyFromJwk(r.publicJwk)]));
  }

  signer(): { kid: string; privateKey: KeyObject } {
    if (!this.current) throw new Error('licence signing key not loaded');
    return this.current;
  }

  /** The public key of a kid; a kid not seen yet (another replica's new key) is looked up once more. */
  async publicKey(kid: string): Promise<KeyObject | undefined> {
    if (!this.publicKeys.has(kid)) await this.refresh();
    return this.publicKeys.get(kid);
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const rows: { publicJwk: JWK }[] = await this.ds.query('select public_jwk as "publicJwk" from licence_signing_key order by created_at');
    return { keys: rows.map((r) => r.publicJwk) };
  }
}
