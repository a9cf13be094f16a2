import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

/**
 * E-licence signatures: Ed25519 (EdDSA) over the UTF-8 bytes of the licence's canonical JSON. Ed25519
 * is deterministic (no per-signature randomness to get wrong) and its keys and signatures are small.
 */
export const LICENCE_ALG = 'EdDSA';

export function signCanonical(canonical: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(canonical, 'utf8'), privateKey).toString('base64url');
}

export function verifyCanonical(canonical: string, signature: string, publicKey: KeyObject): boolean {
  return verifyBytes(Buffer.from(canonical, 'utf8'), signature, publicKey);
}

export function verifyBytes(bytes: Uint8Array, signature: string, publicKey: KeyObject): boolean {
  const sig = Buffer.from(signature, 'base64url');
  // Ed25519 signatures are 64 bytes; anything else cannot verify, and node would throw on some lengths.
  if (sig.length !== 64) return false;
  return verify(null, bytes, publicKey, sig);
}

export function assertEd25519(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${what} 应为 Ed25519 密钥 (must be an Ed25519 key), got ${key.asymmetricKeyType ?? key.type}`);
  }
}

/** The public JWK with its RFC 7638 thumbprint as kid: the same key always has the same id. */
export async function publicJwkOf(privateOrPublic: KeyObject): Promise<JWK & { kid: string }> {
  const pub = privateOrPublic.type === 'private' ? createPublicKey(privateOrPublic) : privateOrPublic;
  const jwk = pub.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: LICENCE_ALG, use: 'sig' };
}

export function publicKeyFromJwk(jwk: JWK): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, format: 'jwk' });
}
