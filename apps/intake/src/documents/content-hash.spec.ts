import { canonicalJson, contentHash, HashedContent } from './content-hash';

const base: HashedContent = {
  kind: 'acceptance',
  number: 'SL2026112300000001',
  applicationId: '00000000-0000-4000-8000-000000000001',
  applicationNumber: '12010120261123IN000001',
  issuer: '天津市行政许可服务中心',
  issuedAt: '2026-11-23T02:00:00.000Z',
  verificationCode: 'ACDE3467FGHJKM',
  fields: { b: 1, a: { d: [1, 2], c: '张三' } },
  html: '<p>x</p>',
};

describe('content hash', () => {
  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(contentHash({ ...base, fields: { a: { c: '张三', d: [1, 2] }, b: 1 } })).toBe(contentHash(base));
  });

  it('changes with any part of the content', () => {
    const h = contentHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ ...base, html: '<p>y</p>' })).not.toBe(h);
    expect(contentHash({ ...base, fields: { ...(base.fields as object), b: 2 } })).not.toBe(h);
    expect(contentHash({ ...base, issuer: '别的中心' })).not.toBe(h);
    expect(contentHash({ ...base, issuedAt: '2026-11-24T02:00:00.000Z' })).not.toBe(h);
  });
});
