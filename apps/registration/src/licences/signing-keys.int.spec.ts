import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messagingEntities, messagingMigrations } from '@onewindow/messaging';
import { officialCalendarEntities, officialCalendarMigrations } from '@onewindow/official-calendar';
import { createServiceDataSource, runMigrations } from '@onewindow/persistence';
import { createTestDatabase, type TestDatabase } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { registrationConfigFromEnv } from '../config/registration-config';
import { registrationEntities, registrationMigrations } from '../registration.module';
import { publicJwkOf, signCanonical, verifyCanonical } from './licence-signature';
import { SigningKeys } from './signing-key.service';

/** R4 keys on the real Postgres: generated once and shared by replicas, or taken from OW_LICENCE_KEY_FILE. */
describe('licence signing keys', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const dir = mkdtempSync(path.join(tmpdir(), 'ow-licence-key-'));

  beforeAll(async () => {
    db = await createTestDatabase('licence_keys');
    ds = await createServiceDataSource({ database: db.connection.database, connection: db.connection, entities: [...messagingEntities, ...officialCalendarEntities, ...registrationEntities], migrations: [...messagingMigrations, ...officialCalendarMigrations, ...registrationMigrations], poolSize: 5 }).initialize();
    await runMigrations(ds);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ds?.destroy();
    await db?.drop();
  });

  it('replicas starting together agree on one generated key, kept in the database', async () => {
    const config = registrationConfigFromEnv({});
    const replicas = [new SigningKeys(ds, config), new SigningKeys(ds, config), new SigningKeys(ds, config)];
    await Promise.all(replicas.map((r) => r.onModuleInit()));
    expect(new Set(replicas.map((r) => r.signer().kid)).size).toBe(1);
    const rows = await ds.query(`select kid, source, private_pem is not null as has_private from licence_signing_key`);
    expect(rows).toEqual([{ kid: replicas[0]!.signer().kid, source: 'generated', has_private: true }]);
    // A restart finds the same key.
    const again = new SigningKeys(ds, config);
    await again.onModuleInit();
    expect(again.signer().kid).toBe(replicas[0]!.signer().kid);
  });

  it('takes the key from OW_LICENCE_KEY_FILE, stores only its public half, keeps older keys published', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const file = path.join(dir, 'licence.pem');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const keys = new SigningKeys(ds, registrationConfigFromEnv({ OW_LICENCE_KEY_FILE: file }));
    await keys.onModuleInit();
    const expectedKid = (await publicJwkOf(privateKey)).kid;
    expect(keys.signer().kid).toBe(expectedKid);
    expect(await ds.query(`select source, private_pem from licence_signing_key where kid = $1`, [expectedKid])).toEqual([{ source: 'file', private_pem: null }]);
    const jwks = await keys.jwks();
    expect(jwks.keys).toHaveLength(2);
    for (const k of jwks.keys) expect(k).not.toHaveProperty('d');
    const sig = signCanonical('{"a":1}', keys.signer().privateKey);
    expect(verifyCanonical('{"a":1}', sig, (await keys.publicKey(expectedKid))!)).toBe(true);

    const rsa = path.join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await expect(new SigningKeys(ds, registrationConfigFromEnv({ OW_LICENCE_KEY_FILE: rsa })).onModuleInit()).rejects.toThrow(/Ed25519/);
  });
});
