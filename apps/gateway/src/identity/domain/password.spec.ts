import { dummyHash, hashPassword, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('hashes in the documented format with a per-hash salt', async () => {
    const a = await hashPassword('OneWindow#2026');
    const b = await hashPassword('OneWindow#2026');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only', async () => {
    const h = await hashPassword('OneWindow#2026');
    expect(await verifyPassword('OneWindow#2026', h)).toBe(true);
    expect(await verifyPassword('OneWindow#2027', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('treats Unicode-equivalent passwords alike (NFC)', async () => {
    const h = await hashPassword('密码é');
    expect(await verifyPassword('密码e\u0301', h)).toBe(true);
  });

  it('refuses malformed or dangerous stored hashes without throwing', async () => {
    const h = await hashPassword('x');
    const parts = h.split('$');
    const change = (i: number, v: string) => parts.map((x, j) => (j === i ? v : x)).join('$');
    for (const bad of [
      '',
      'plain',
      'bcrypt$x',
      change(1, String(1 << 22)),
      change(1, '1000'),
      change(2, '0'),
      change(4, ''),
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('the dummy hash never matches and is reused', async () => {
    expect(await dummyHash()).toBe(await dummyHash());
    expect(await verifyPassword('', await dummyHash())).toBe(false);
  });
});
