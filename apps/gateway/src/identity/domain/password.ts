import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords and client secrets: scrypt (memory-hard, G2) from Node's own crypto, no native package.
 * N=16384, r=8, p=1 uses 16 MiB per hash (128·N·r) and takes some tens of milliseconds: slow enough
 * to make offline guessing expensive, fast enough for a login burst on a 2-core machine. The
 * parameters are stored with each hash, so they can be raised later and old hashes still verify.
 *
 * Format: `scrypt$N$r$p$<salt base64>$<hash base64>`, salt 16 random bytes per hash, hash 32 bytes.
 */
export const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Must exceed 128·N·r; also bounds what a tampered stored hash can make us allocate.
const MAX_MEMORY = 64 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const { N, r, p } = SCRYPT_PARAMS;
  const hash = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Constant-time comparison; false (never an exception) for a malformed or unsupported stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  // Parameters within sane bounds only: a row edited to N=2^30 must not take the gateway down.
  if (
    !Number.isInteger(N) ||
    N < 1024 ||
    N > 1 << 20 ||
    (N & (N - 1)) !== 0 ||
    !Number.isInteger(r) ||
    r < 1 ||
    r > 32 ||
    !Number.isInteger(p) ||
    p < 1 ||
    p > 4
  )
    return false;
  if (128 * N * r > MAX_MEMORY) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || expected.length < 16) return false;
  const actual = await scrypt(password, salt, expected.length, { N, r, p, maxmem: MAX_MEMORY });
  return timingSafeEqual(actual, expected);
}

/** A hash of a random password: verifying against it costs the same as against a real one (no user enumeration by timing). */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString('hex')));
}
