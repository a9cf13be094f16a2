import type { FastifyRequest } from 'fastify';
import { PUBLIC_PRINCIPAL } from '@onewindow/auth';
import { principals } from '@onewindow/testing';
import { clientIp } from './client-ip';
import { budgetFor } from './rate-limit';
import { resolveGatewaySettings } from './settings';

function req(url: string, o: { peer?: string; xff?: string; principal?: unknown } = {}): FastifyRequest {
  return {
    url,
    headers: o.xff ? { 'x-forwarded-for': o.xff } : {},
    raw: { socket: { remoteAddress: o.peer ?? '10.0.0.9' } },
    principal: o.principal,
  } as unknown as FastifyRequest;
}

describe('rate-limit budgets (G4)', () => {
  const settings = resolveGatewaySettings({}, {}).rateLimit;

  it('defaults: 600/min per principal, 300/min per IP, 20/min for login per IP', () => {
    expect(settings).toMatchObject({ perPrincipal: 600, perIp: 300, login: 20, windowMs: 60_000, enabled: true });
    expect(
      resolveGatewaySettings(
        {},
        { OW_RATE_LIMIT_PER_MIN: '50', OW_RATE_LIMIT_IP_PER_MIN: '40', OW_RATE_LIMIT_LOGIN_PER_MIN: '5' },
      ).rateLimit,
    ).toMatchObject({ perPrincipal: 50, perIp: 40, login: 5 });
  });

  it('keys a verified principal by <type>:<sub>, wherever it comes from', () => {
    const citizen = principals.citizen;
    expect(budgetFor(req('/api/intake/applications', { principal: citizen }), settings, 0)).toEqual({
      kind: 'principal',
      key: 'citizen:u-citizen-1',
      max: 600,
    });
    expect(budgetFor(req('/api/intake/applications', { principal: citizen, peer: '10.0.0.10' }), settings, 0).key).toBe(
      'citizen:u-citizen-1',
    );
  });

  it('keys anonymous requests by IP and login routes by IP with the login budget, token or not', () => {
    expect(budgetFor(req('/api/intake/catalogue?x=1'), settings, 0)).toEqual({
      kind: 'ip',
      key: 'ip:10.0.0.9',
      max: 300,
    });
    expect(budgetFor(req('/api/intake/catalogue', { principal: PUBLIC_PRINCIPAL }), settings, 0).kind).toBe('ip');
    expect(budgetFor(req('/auth/login', { principal: principals.citizen }), settings, 0)).toEqual({
      kind: 'login',
      key: 'login:10.0.0.9',
      max: 20,
    });
  });

  it('ignores a client-sent X-Forwarded-For unless proxies in front are trusted', () => {
    expect(clientIp(req('/', { peer: '::ffff:10.0.0.9', xff: '1.2.3.4' }), 0)).toBe('10.0.0.9');
    expect(clientIp(req('/', { peer: '10.1.1.1', xff: 'spoofed, 203.0.113.7' }), 1)).toBe('203.0.113.7');
    expect(clientIp(req('/', { peer: '10.1.1.1', xff: 'spoofed, 203.0.113.7, 10.2.2.2' }), 2)).toBe('203.0.113.7');
    expect(clientIp(req('/', { peer: '10.1.1.1' }), 1)).toBe('10.1.1.1');
  });
});

describe('gateway settings', () => {
  it('reads per-service timeouts and body limits, and keeps the request guard above the slowest upstream', () => {
    const s = resolveGatewaySettings(
      {},
      {
        OW_UPSTREAM_TIMEOUT_MS: '3000',
        OW_UPSTREAM_TIMEOUT_MS_PROJECT_REVIEW: '20000',
        OW_BODY_LIMIT_ENFORCEMENT: '10485760',
      },
    );
    expect(s.upstreamTimeoutMs).toBe(3000);
    expect(s.upstreamTimeouts).toEqual({ 'project-review': 20000 });
    expect(s.bodyLimits).toEqual({ enforcement: 10485760 });
    expect(s.bodyLimit).toBe(1024 * 1024);
    expect(s.requestTimeoutMs).toBe(25000);
    expect(resolveGatewaySettings({ upstreamTimeoutMs: 500, requestTimeoutMs: 100 }, {}).requestTimeoutMs).toBe(1500);
  });

  it('refuses nonsense numbers', () => {
    expect(() => resolveGatewaySettings({}, { OW_RATE_LIMIT_PER_MIN: 'lots' })).toThrow(/OW_RATE_LIMIT_PER_MIN/);
  });
});
