import { HttpException } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { claimsFromPrincipal, principalFromClaims } from './claims';
import { PUBLIC_PRINCIPAL, type Principal, type StaffPrincipal } from './principal';
import { LocalTokenIssuer } from './token-signer';
import { TokenVerifier } from './token-verifier';

const ISS = 'https://onewindow.local/auth';
const AUD = 'onewindow';
const staff: StaffPrincipal = {
  type: 'staff',
  sub: 'u-100',
  name: '王五',
  department: 'SCJG',
  orgUnit: 'SCJG-120000',
  division: '120000',
  level: 'city',
  roles: ['reviewer'],
};
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

async function refusal(p: Promise<unknown>): Promise<{ status: number; reason?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof HttpException)) throw e;
    const r = e.getResponse() as { message: string; details?: { reason?: string } };
    return { status: e.getStatus(), reason: r.details?.reason, message: r.message };
  }
  throw new Error('expected the token to be refused');
}

describe('TokenVerifier (S3)', () => {
  let issuer: LocalTokenIssuer;
  let verifier: TokenVerifier;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.create({ issuer: ISS, audience: AUD, kid: 'k1' });
    verifier = new TokenVerifier({ issuer: ISS, audience: AUD, keys: issuer.jwks });
  });

  it('accepts a valid token and rebuilds the principal', async () => {
    expect(await verifier.verify(await issuer.sign(staff))).toEqual(staff);
  });

  it('round-trips every principal type through claims', async () => {
    const ps: Principal[] = [
      { type: 'citizen', sub: 'c1', name: '张三' },
      { type: 'enterprise', sub: 'e1', name: '示例', uscc: '91120101MA05T8K25N', agentSub: 'c2' },
      staff,
      {
        type: 'staff',
        sub: 's2',
        name: '窗口',
        orgUnit: 'SC-120101001',
        division: '120101001',
        level: 'street',
        roles: [],
      },
      { type: 'system', sub: 'sw-system', department: 'SW', scopes: ['tasks:read', 'tasks:decide'] },
    ];
    for (const p of ps) {
      expect(principalFromClaims({ ...claimsFromPrincipal(p) })).toEqual(p);
      expect(await verifier.verify(await issuer.sign(p))).toEqual(p);
    }
  });

  it('refuses an expired token', async () => {
    const r = await refusal(verifier.verify(await issuer.sign(staff, { now: now() - 3600 })));
    expect(r).toMatchObject({ status: 401, reason: 'expired' });
    expect(r.message).toContain('expired');
  });

  it('tolerates 5 s of clock skew but not more', async () => {
    await expect(verifier.verify(await issuer.sign(staff, { now: now() - 900 - 3 }))).resolves.toEqual(staff);
    await expect(refusal(verifier.verify(await issuer.sign(staff, { now: now() - 900 - 10 })))).resolves.toMatchObject({
      reason: 'expired',
    });
  });

  it('refuses a token signed by another key under the same kid', async () => {
    const forger = await LocalTokenIssuer.create({ issuer: ISS, audience: AUD, kid: 'k1' });
    expect(await refusal(verifier.verify(await forger.sign(staff)))).toMatchObject({
      status: 401,
      reason: 'bad_signature',
    });
  });

  it('refuses a token with an unknown kid', async () => {
    const other = await LocalTokenIssuer.create({ issuer: ISS, audience: AUD, kid: 'k9' });
    expect(await refusal(verifier.verify(await other.sign(staff)))).toMatchObject({
      status: 401,
      reason: 'unknown_key',
    });
  });

  it('refuses a token for another audience', async () => {
    const other = await LocalTokenIssuer.create({ issuer: ISS, audience: 'someone-else', kid: 'k1' });
    const v = new TokenVerifier({ issuer: ISS, audience: AUD, keys: other.jwks });
    expect(await refusal(v.verify(await other.sign(staff)))).toMatchObject({ status: 401, reason: 'wrong_audience' });
  });

  it('refuses a token from another issuer', async () => {
    const other = await LocalTokenIssuer.create({ issuer: 'https://evil.example/', audience: AUD, kid: 'k1' });
    const v = new TokenVerifier({ issuer: ISS, audience: AUD, keys: other.jwks });
    expect(await refusal(v.verify(await other.sign(staff)))).toMatchObject({ status: 401, reason: 'wrong_issuer' });
  });

  it('refuses alg: none', async () => {
    const payload = { ...claimsFromPrincipal(staff), iss: ISS, aud: AUD, iat: now(), exp: now() + 600 };
    for (const header of [{ alg: 'none' }, { alg: 'none', kid: 'k1', typ: 'JWT' }, { alg: 'NONE', kid: 'k1' }]) {
      const token = `${b64(header)}.${b64(payload)}.`;
      expect((await refusal(verifier.verify(token))).status).toBe(401);
    }
  });

  it('refuses HS256 signed with the public key bytes (key confusion)', async () => {
    const payload = { ...claimsFromPrincipal(staff), iss: ISS, aud: AUD, iat: now(), exp: now() + 600 };
    const { publicKey } = await generateKeyPair('ES256');
    const pem = await exportSPKI(publicKey);
    const jwk = JSON.stringify(await exportJWK(publicKey));
    for (const secret of [pem, jwk, JSON.stringify(issuer.publicJwk)]) {
      const input = `${b64({ alg: 'HS256', kid: 'k1', typ: 'JWT' })}.${b64(payload)}`;
      const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      expect(await refusal(verifier.verify(token))).toMatchObject({ status: 401, reason: 'alg_not_allowed' });
    }
  });

  it('refuses a token without exp', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const v = new TokenVerifier({
      issuer: ISS,
      audience: AUD,
      keys: { keys: [{ ...(await exportJWK(publicKey)), kid: 'x', alg: 'ES256' }] },
    });
    const token = await new SignJWT({ ...claimsFromPrincipal(staff) })
      .setProtectedHeader({ alg: 'ES256', kid: 'x' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setIssuedAt()
      .sign(privateKey);
    expect((await refusal(v.verify(token))).status).toBe(401);
  });

  it.each([
    ['typ missing', { typ: undefined }],
    ['typ public', { typ: 'public' }],
    ['typ unknown', { typ: 'admin' }],
    ['staff without div', { div: undefined }],
    ['staff with malformed div', { div: '12A000' }],
    ['staff with lvl not matching div', { lvl: 'district' }],
    ['staff without roles', { roles: undefined }],
    ['staff roles not an array', { roles: 'reviewer' }],
    ['staff without org', { org: undefined }],
    ['staff with malformed dept', { dept: 'scjg; drop' }],
    ['staff without name', { name: undefined }],
  ])('refuses a staff token with %s', async (_what, change) => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const v = new TokenVerifier({
      issuer: ISS,
      audience: AUD,
      keys: { keys: [{ ...(await exportJWK(publicKey)), kid: 'x', alg: 'ES256' }] },
    });
    const claims: Record<string, unknown> = { ...claimsFromPrincipal(staff), ...change };
    for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'x' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setSubject(staff.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await refusal(v.verify(token))).toMatchObject({ status: 401, reason: 'invalid_claims' });
  });

  it('refuses system and enterprise tokens missing their claims', async () => {
    expect(() => principalFromClaims({ typ: 'system', sub: 'c' })).toThrow(/dept/);
    expect(() => principalFromClaims({ typ: 'enterprise', sub: 'e', name: 'x', agent: 'a' })).toThrow(/uscc/);
    expect(() => principalFromClaims({ typ: 'enterprise', sub: 'e', name: 'x', uscc: '91120101MA05T8K25N' })).toThrow(
      /agent/,
    );
    expect(() =>
      principalFromClaims({ typ: 'enterprise', sub: 'e', name: 'x', uscc: 'not-a-uscc', agent: 'a' }),
    ).toThrow(/uscc/);
    expect(() => principalFromClaims({ typ: 'citizen', name: 'x' })).toThrow(/sub/);
  });

  it('refuses garbage', async () => {
    for (const t of ['', 'abc', 'a.b.c', `${b64({ alg: 'ES256' })}.!!!.x`, 'x'.repeat(9000)]) {
      expect((await refusal(verifier.verify(t))).status).toBe(401);
    }
  });

  it('reads the Authorization header', async () => {
    expect(await verifier.principalFromAuthorizationHeader(undefined)).toBe(PUBLIC_PRINCIPAL);
    expect(await verifier.principalFromAuthorizationHeader('')).toBe(PUBLIC_PRINCIPAL);
    expect(await verifier.principalFromAuthorizationHeader(`Bearer ${await issuer.sign(staff)}`)).toEqual(staff);
    expect(await refusal(verifier.principalFromAuthorizationHeader('Basic dXNlcjpwYXNz'))).toMatchObject({
      status: 401,
      reason: 'malformed',
    });
  });

  it('a key set that cannot be fetched is a 503, never an acceptance', async () => {
    const v = new TokenVerifier({ issuer: ISS, audience: AUD, jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    expect((await refusal(v.verify(await issuer.sign(staff)))).status).toBe(503);
  });
});
