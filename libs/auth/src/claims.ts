import type { JWTPayload } from 'jose';
import { isDivisionCode, levelOfDivision } from './divisions';
import type { AdminLevel, Principal, PrincipalType } from './principal';

/**
 * The platform's JWT claims. Short names keep tokens small (they travel on every request through
 * the gateway to a service):
 *
 * | claim | meaning | for |
 * | --- | --- | --- |
 * | `typ` | principal type | all |
 * | `sub` | stable subject id (a user id, never an ID number; a client id for systems) | all |
 * | `name` | display name | citizen, enterprise, staff |
 * | `uscc` | unified social credit code | enterprise |
 * | `agent` | subject of the authorised agent acting for the enterprise | enterprise |
 * | `dept` | department code | staff (optional), system |
 * | `org` | org unit id | staff |
 * | `div` | GB/T 2260 division code | staff |
 * | `lvl` | city / district / street / community (must agree with `div`) | staff |
 * | `roles` | staff roles | staff |
 * | `scope` | space-separated scopes (OAuth 2 convention) | system |
 */
export interface PlatformClaims {
  typ: Exclude<PrincipalType, 'public'>;
  sub: string;
  name?: string;
  uscc?: string;
  agent?: string;
  dept?: string;
  org?: string;
  div?: string;
  lvl?: AdminLevel;
  roles?: string[];
  scope?: string;
}

/** A token whose claims do not describe a valid principal. */
export class InvalidClaimsError extends Error {
  constructor(
    readonly claim: string,
    reason: string,
  ) {
    super(`claim "${claim}" ${reason}`);
    this.name = 'InvalidClaimsError';
  }
}

const SUBJECT = /^[A-Za-z0-9._:@-]{1,128}$/;
const DEPARTMENT = /^[A-Z][A-Z0-9_-]{0,31}$/;
const ORG_UNIT = /^[A-Za-z0-9._:-]{1,64}$/;
const ROLE = /^[a-z][a-z0-9-]{0,63}$/;
const SCOPE = /^[a-z][a-z0-9:._-]{0,63}$/;
// GB 32100: 18 characters from the 31-character set (no I, O, S, V, Z).
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const LEVELS: readonly AdminLevel[] = ['city', 'district', 'street', 'community'];

function str(payload: JWTPayload, claim: string, pattern?: RegExp, max = 200): string {
  const v = payload[claim];
  if (typeof v !== 'string' || v.length === 0) throw new InvalidClaimsError(claim, 'is missing or not a string');
  if (v.length > max) throw new InvalidClaimsError(claim, 'is too long');
  if (pattern && !pattern.test(v)) throw new InvalidClaimsError(claim, 'is malformed');
  return v;
}

function optionalStr(payload: JWTPayload, claim: string, pattern: RegExp): string | undefined {
  return payload[claim] === undefined ? undefined : str(payload, claim, pattern);
}

function stringArray(payload: JWTPayload, claim: string, pattern: RegExp): string[] {
  const v = payload[claim];
  if (!Array.isArray(v)) throw new InvalidClaimsError(claim, 'is missing or not an array');
  if (v.length > 64) throw new InvalidClaimsError(claim, 'has too many entries');
  for (const item of v)
    if (typeof item !== 'string' || !pattern.test(item)) throw new InvalidClaimsError(claim, 'has a malformed entry');
  return [...v];
}

/**
 * Rebuilds the principal from verified claims. Strict: a claim missing or malformed for the token's
 * type refuses the token, because a service would otherwise authorise on a half-described caller
 * (e.g. a staff token without `div` must not default to "the whole city").
 */
export function principalFromClaims(payload: JWTPayload): Principal {
  const typ = payload.typ;
  const sub = str(payload, 'sub', SUBJECT);
  switch (typ) {
    case 'citizen':
      return { type: 'citizen', sub, name: str(payload, 'name') };
    case 'enterprise':
      return {
        type: 'enterprise',
        sub,
        name: str(payload, 'name'),
        uscc: str(payload, 'uscc', USCC),
        agentSub: str(payload, 'agent', SUBJECT),
      };
    case 'staff': {
      const division = str(payload, 'div');
      if (!isDivisionCode(division)) throw new InvalidClaimsError('div', 'is not a GB/T 2260 division code');
      const level = str(payload, 'lvl') as AdminLevel;
      if (!LEVELS.includes(level))
        throw new InvalidClaimsError('lvl', 'is not one of city, district, street, community');
      if (levelOfDivision(division) !== level)
        throw new InvalidClaimsError('lvl', `does not match division ${division}`);
      const department = optionalStr(payload, 'dept', DEPARTMENT);
      const p = {
        type: 'staff' as const,
        sub,
        name: str(payload, 'name'),
        orgUnit: str(payload, 'org', ORG_UNIT),
        division,
        level,
        roles: stringArray(payload, 'roles', ROLE),
      };
      return department === undefined ? p : { ...p, department };
    }
    case 'system': {
      const raw = payload.scope ?? '';
      if (typeof raw !== 'string' || raw.length > 2000)
        throw new InvalidClaimsError('scope', 'is not a string of space-separated scopes');
      const scope = raw;
      const scopes = scope.split(' ').filter(Boolean);
      for (const s of scopes) if (!SCOPE.test(s)) throw new InvalidClaimsError('scope', 'has a malformed entry');
      return { type: 'system', sub, department: str(payload, 'dept', DEPARTMENT), scopes };
    }
    case undefined:
      throw new InvalidClaimsError('typ', 'is missing');
    default:
      // 'public' is never issued: an anonymous caller has no token at all.
      throw new InvalidClaimsError('typ', 'is not a known principal type');
  }
}

/** The claims that describe a principal (registered claims iss/aud/exp/iat/jti are set by the issuer). */
export function claimsFromPrincipal(p: Principal): PlatformClaims {
  switch (p.type) {
    case 'citizen':
      return { typ: 'citizen', sub: p.sub, name: p.name };
    case 'enterprise':
      return { typ: 'enterprise', sub: p.sub, name: p.name, uscc: p.uscc, agent: p.agentSub };
    case 'staff': {
      const c: PlatformClaims = {
        typ: 'staff',
        sub: p.sub,
        name: p.name,
        org: p.orgUnit,
        div: p.division,
        lvl: p.level,
        roles: [...p.roles],
      };
      if (p.department !== undefined) c.dept = p.department;
      return c;
    }
    case 'system':
      return p.scopes.length
        ? { typ: 'system', sub: p.sub, dept: p.department, scope: p.scopes.join(' ') }
        : { typ: 'system', sub: p.sub, dept: p.department };
    case 'public':
      throw new Error('the public principal is never put in a token');
  }
}
