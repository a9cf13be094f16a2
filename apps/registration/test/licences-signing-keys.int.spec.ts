import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serviceModule } from '@onewindow/service';
import { bootTestService, type TestService } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { registrationConfigFromEnv, type RegistrationConfig } from '../src/config/registration-config';
import { publicJwkOf, signCanonical, verifyCanonical } from '../src/licences/licence-signature';
import { SigningKeyRepository } from '../src/licences/signing-key.repository';
import { SigningKeyService } from '../src/licences/signing-key.service';
import { registrationDefinition } from '../src/service-definition';

/** R4 keys on the real Postgres: generated once and shared by replicas, or taken from OW_LICENCE_KEY_FILE. */
describe('licence signing keys', () => {
  let svc: TestService;
  let ds: DataSource;
  const dir = mkdtempSync(path.join(tmpdir(), 'ow-licence-key-'));

  beforeAll(async () => {
    // The service's database without its features: no key loaded yet; the tests start their replicas by hand.
    svc = await bootTestService(
      'licence_keys',
      () => serviceModule(registrationDefinition, { features: [], poolSize: 5 }),
      { service: 'registration' },
    );
    ds = svc.app.get(DataSource);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await svc?.close();
  });
  const newKeys = (config: RegistrationConfig) => new SigningKeyService(ds, new SigningKeyRepository(ds), config);

  it('replicas starting together agree on one generated key, kept in the database', async () => {
    const config = registrationConfigFromEnv({});
    const replicas = [newKeys(config), newKeys(config), newKeys(config)];
    await Promise.all(replicas.map((r) => r.onModuleInit()));
    expect(new Set(replicas.map((r) => r.signer().kid)).size).toBe(1);
    const rows = await ds.query(`select kid, source, private_pem is not null as has_private from licence_signing_key`);
    expect(rows).toEqual([{ kid: replicas[0]!.signer().kid, source: 'generated', has_private: true }]);
    // A restart finds the same key.
    const again = newKeys(config);
    await again.onModuleInit();
    expect(again.signer().kid).toBe(replicas[0]!.signer().kid);
  });

  it('takes the key from OW_LICENCE_KEY_FILE, stores only its public half, keeps older keys published', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const file = path.join(dir, 'licence.pem');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const keys = newKeys(registrationConfigFromEnv({ OW_LICENCE_KEY_FILE: file }));
    await keys.onModuleInit();
    const expectedKid = (await publicJwkOf(privateKey)).kid;
    expect(keys.signer().kid).toBe(expectedKid);
    expect(await ds.query(`select source, private_pem from licence_signing_key where kid = $1`, [expectedKid])).toEqual(
      [{ source: 'file', private_pem: null }],
    );
    const jwks = await keys.jwks();
    expect(jwks.keys).toHaveLength(2);
    for (const k of jwks.keys) expect(k).not.toHaveProperty('d');
    const sig = signCanonical('{"a":1}', keys.signer().privateKey);
    expect(verifyCanonical('{"a":1}', sig, (await keys.publicKey(expectedKid))!)).toBe(true);

    const rsa = path.join(dir, 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    await expect(newKeys(registrationConfigFromEnv({ OW_LICENCE_KEY_FILE: rsa })).onModuleInit()).rejects.toThrow(
      /Ed25519/,
    );
  });
});
