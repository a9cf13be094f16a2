import { ConflictException, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JSONWebKeySet,
  type JWK,
  type KeyLike,
} from 'jose';
import { DataSource } from 'typeorm';
import { TokenVerifier } from '@onewindow/auth';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { SigningKeyRepository } from './signing-key.repository';

const ALG = 'ES256';
/** Kept in the JWKS after a key stops signing: its last token's lifetime plus the verifiers' clock tolerance. */
const SKEW_MS = 60_000;

interface LoadedKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
  activatesAt: number;
  retiresAt: number | null;
  source: 'file' | 'database';
}

/**
 * The gateway's signing keys and the verifier built on them. The gateway checks its own tokens
 * against this local key set (no HTTP round trip to itself); services fetch the same keys from
 * /auth/.well-known/jwks.json.
 *
 * Rotation publishes ahead: a new key is published `rotationLeadSeconds` before it signs, and the
 * old key stays published one token lifetime after it stops, so no valid token ever meets a
 * verifier that lacks its key, across replicas that reload the set every `keyReloadMs`.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit, OnModuleDestroy {
  readonly verifier: TokenVerifier;
  private keys: LoadedKey[] = [];
  private timer?: NodeJS.Timeout;
  private readonly log = new Logger('signing-keys');
  private readonly startedAt = Date.now();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repository: SigningKeyRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.verifier = new TokenVerifier({ issuer: config.issuer, audience: config.audience, keys: { keys: [] } });
  }

  async onModuleInit(): Promise<void> {
    if (this.config.keyFiles.length === 0) await this.ensureActiveKey();
    await this.reload();
    if (this.config.keyReloadMs > 0) {
      this.timer = setInterval(
        () => this.reload().catch((e) => this.log.warn(`reloading signing keys failed: ${(e as Error).message}`)),
        this.config.keyReloadMs,
      );
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The key that signs now. */
  current(now = Date.now()): { kid: string; privateKey: KeyLike } {
    const file = this.keys.find((k) => k.source === 'file' && k.retiresAt === null);
    if (file) return file;
    const usable = this.keys
      .filter((k) => k.activatesAt <= now && (k.retiresAt === null || k.retiresAt > now))
      .sort((a, b) => b.activatesAt - a.activatesAt);
    if (usable.length === 0) throw new Error('no active signing key (is the database reachable?)');
    return usable[0];
  }

  /** The public keys every verifier should hold now. */
  jwks(now = Date.now()): JSONWebKeySet {
    const keepMs = this.config.accessTtlSeconds * 1000 + SKEW_MS;
    // Key files are published for as long as they are configured: the operator decides when an old one goes.
    return {
      keys: this.keys
        .filter((k) => k.source === 'file' || k.retiresAt === null || k.retiresAt + keepMs > now)
        .map((k) => k.publicJwk),
    };
  }

  /** Re-reads the keys (database and files) and hands the public ones to the local verifier. */
  async reload(): Promise<void> {
    const keepMs = this.config.accessTtlSeconds * 1000 + SKEW_MS;
    const rows = await this.repository.findPublishedSince(new Date(Date.now() - keepMs));
    const fromDb = await Promise.all(
      rows.map(async (r): Promise<LoadedKey> => ({
        kid: r.kid,
        privateKey: (await importJWK(r.privateJwk, ALG)) as KeyLike,
        publicJwk: r.publicJwk,
        activatesAt: r.activatesAt.getTime(),
        retiresAt: r.retiresAt?.getTime() ?? null,
        source: 'database',
      })),
    );
    const fromFiles = await Promise.all(this.config.keyFiles.map((f, i) => this.loadFile(f, i === 0)));
    // With key files configured, database keys never sign; they stay published one token lifetime
    // after this process started (tokens they signed before the switch may still be in use).
    this.keys = [
      ...fromFiles,
      ...fromDb.map((k) =>
        fromFiles.length
          ? {
              ...k,
              activatesAt: Number.MAX_SAFE_INTEGER,
              retiresAt: Math.min(k.retiresAt ?? this.startedAt, this.startedAt),
            }
          : k,
      ),
    ];
    this.verifier.setKeys(this.jwks());
  }

  /**
   * Makes a new key: it is published at once and signs from `activateInSeconds` on; the keys it
   * replaces stop signing then. Under an advisory lock, so replicas rotating together make one key.
   */
  async rotate(activateInSeconds = this.config.rotationLeadSeconds): Promise<{ kid: string; activatesAt: Date }> {
    if (this.config.keyFiles.length) {
      throw new ConflictException({
        message:
          '签名密钥由 OW_JWT_PRIVATE_KEY_FILE 提供，请替换密钥文件轮换 (keys come from OW_JWT_PRIVATE_KEY_FILE: rotate by listing the new file first)',
      });
    }
    const result = await this.ds.transaction(async (m) => {
      await this.repository.lockKeyChanges(m);
      const row = await this.newKeyRow(new Date(Date.now() + activateInSeconds * 1000));
      await this.repository.retireFrom(m, row.activatesAt);
      await this.repository.insert(m, row);
      return { kid: row.kid, activatesAt: row.activatesAt };
    });
    await this.reload();
    this.log.log(`signing key ${result.kid} published; signs from ${result.activatesAt.toISOString()}`);
    return result;
  }

  /** First start: make a key that signs at once. */
  private async ensureActiveKey(): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.repository.lockKeyChanges(m);
      if ((await this.repository.countSigning(m)) > 0) return;
      const row = await this.newKeyRow(new Date());
      await this.repository.insert(m, row);
      this.log.log(`created signing key ${row.kid}`);
    });
  }

  private async newKeyRow(activatesAt: Date): Promise<SigningKeyEntity> {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const pub = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(pub);
    const row = new SigningKeyEntity();
    row.kid = kid;
    row.alg = ALG;
    row.publicJwk = { ...pub, kid, alg: ALG, use: 'sig' };
    row.privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
    row.activatesAt = activatesAt;
    row.retiresAt = null;
    return row;
  }

  private async loadFile(path: string, signs: boolean): Promise<LoadedKey> {
    const pem = await readFile(path, 'utf8');
    let privateKey: KeyLike;
    try {
      privateKey = (await importPKCS8(pem, ALG, { extractable: true })) as KeyLike;
    } catch (e) {
      throw new Error(`OW_JWT_PRIVATE_KEY_FILE ${path}: not a PKCS#8 EC P-256 private key (${(e as Error).message})`);
    }
    const full = await exportJWK(privateKey);
    const pub: JWK = { kty: full.kty, crv: full.crv, x: full.x, y: full.y };
    const kid = await calculateJwkThumbprint(pub);
    return {
      kid,
      privateKey,
      publicJwk: { ...pub, kid, alg: ALG, use: 'sig' },
      activatesAt: 0,
      retiresAt: signs ? null : 0,
      source: 'file',
    };
  }
}
