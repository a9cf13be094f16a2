import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { principals } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { SigningKeyService } from '../src/identity/signing-key.service';
import { bootIdentityTestApp } from '../src/identity/testing/identity-test-app';
import { TokenIssuerService } from '../src/identity/token-issuer.service';

/** OW_JWT_PRIVATE_KEY_FILE: operator-provided keys instead of the database's. */
describe('signing keys from OW_JWT_PRIVATE_KEY_FILE', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;
  let dir: string;
  let activeKid: string;
  let previousKid: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ow-keys-'));
    const files: string[] = [];
    const kids: string[] = [];
    for (const name of ['new.pem', 'old.pem']) {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      await writeFile(path.join(dir, name), await exportPKCS8(privateKey), { mode: 0o600 });
      files.push(path.join(dir, name));
      kids.push(await calculateJwkThumbprint(await exportJWK(publicKey)));
    }
    [activeKid, previousKid] = kids;
    ({ app, close } = await bootIdentityTestApp('keyfile', {
      OW_SEED_DEMO: 'false',
      OW_JWT_PRIVATE_KEY_FILE: files.join(','),
    }));
  });
  afterAll(async () => {
    await close?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs with the first file, publishes both, and keeps no key in the database', async () => {
    const { access_token } = await app.get(TokenIssuerService).issue(principals.citizen);
    expect(decodeProtectedHeader(access_token).kid).toBe(activeKid);
    const jwks = (await app.inject({ method: 'GET', url: '/auth/.well-known/jwks.json' })).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid).sort()).toEqual([activeKid, previousKid].sort());
    const me = await app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${access_token}` },
    });
    // The token verifies; the account does not exist in this empty database.
    expect(me.statusCode).toBe(404);
    await expect(app.get(SigningKeyService).rotate(0)).rejects.toThrow(/OW_JWT_PRIVATE_KEY_FILE/);
    expect(await app.get(DataSource).query('select count(*)::int as n from signing_key')).toEqual([{ n: 0 }]);
  });
});
