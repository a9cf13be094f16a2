import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { REGISTRATION_CONFIG, type RegistrationConfig } from '../config/registration-config';
import { assertEd25519, LICENCE_ALG, publicJwkOf, publicKeyFromJwk } from './licence-signature';
import { SigningKeyRepository } from './signing-key.repository';

/**
 * The licence signing key: from OW_LICENCE_KEY_FILE (a secret mounted by the deployment), or else a
 * key generated on first start and kept in the service database. Under an advisory lock, replicas
 * starting together agree on one generated key. Every public key ever used stays published, so a
 * licence signed before a key change still verifies.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private readonly log = new Logger('licence-keys');
  private current?: { kid: string; privateKey: KeyObject };
  private publicKeys = new Map<string, KeyObject>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly keys: SigningKeyRepository,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.current = this.config.licenceKeyFile
      ? await this.fromFile(this.config.licenceKeyFile)
      : await this.generatedOrStored();
    await this.refresh();
  }

  private async fromFile(file: string): Promise<{ kid: string; privateKey: KeyObject }> {
    const privateKey = createPrivateKey(readFileSync(file));
    assertEd25519(privateKey, 'OW_LICENCE_KEY_FILE');
    const jwk = await publicJwkOf(privateKey);
    await this.keys.insertFromFile(jwk.kid, LICENCE_ALG, jwk);
    this.log.log(`licence key ${jwk.kid} from OW_LICENCE_KEY_FILE`);
    return { kid: jwk.kid, privateKey };
  }

  private async generatedOrStored(): Promise<{ kid: string; privateKey: KeyObject }> {
    return this.ds.transaction(async (m) => {
      await this.keys.lockGeneration(m);
      const row = await this.keys.findLatestGenerated(m);
      if (row) return { kid: row.kid, privateKey: createPrivateKey(row.privatePem!) };
      const { privateKey } = generateKeyPairSync('ed25519');
      const jwk = await publicJwkOf(privateKey);
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      await this.keys.insertGenerated(m, jwk.kid, LICENCE_ALG, jwk, pem);
      this.log.warn(`generated licence key ${jwk.kid}, kept in the database; set OW_LICENCE_KEY_FILE in production`);
      return { kid: jwk.kid, privateKey };
    });
  }

  private async refresh(): Promise<void> {
    const rows = await this.keys.findPublicKeys();
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
    const rows = await this.keys.findPublicJwks();
    return { keys: rows.map((r) => r.publicJwk) };
  }
}
