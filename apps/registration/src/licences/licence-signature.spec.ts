import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';
import { publicJwkOf, publicKeyFromJwk, signCanonical, verifyBytes, verifyCanonical } from './licence-signature';

describe('e-licence signature (R4)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const doc = {
    licenceNumber: '12010120261123YZ000001',
    name: '天津海河科技有限公司',
    registeredCapitalFen: 100000000,
  };
  const canonical = canonicalJson(doc);
  const signature = signCanonical(canonical, privateKey);

  it('verifies the signed bytes with the published public key', async () => {
    const jwk = await publicJwkOf(privateKey);
    expect(jwk).toEqual(expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: expect.any(String) }));
    expect(jwk).not.toHaveProperty('d');
    expect(verifyCanonical(canonical, signature, publicKeyFromJwk(jwk))).toBe(true);
  });

  it('fails when any single byte of the document or of the signature changes', () => {
    const bytes = Buffer.from(canonical, 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i] = tampered[i]! ^ 0x01;
      expect(verifyBytes(tampered, signature, publicKey)).toBe(false);
    }
    expect(verifyBytes(bytes, signature, publicKey)).toBe(true);
    const sig = Buffer.from(signature, 'base64url');
    sig[10] = sig[10]! ^ 0x80;
    expect(verifyCanonical(canonical, sig.toString('base64url'), publicKey)).toBe(false);
    expect(verifyCanonical(canonical, 'AAAA', publicKey)).toBe(false);
  });

  it('fails with another key', () => {
    expect(verifyCanonical(canonical, signature, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });
});
