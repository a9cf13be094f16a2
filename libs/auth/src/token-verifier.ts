import { VerificationCache } from './verification-cache';
import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { InvalidClaimsError, principalFromClaims } from './claims';
import { PUBLIC_PRINCIPAL, type Principal } from './principal';

/**
 * Only asymmetric algorithms. The explicit allow-list is what refuses `alg: none` and the HS256
 * key-confusion attack (a token "signed" with the public key as an HMAC secret) (S3).
 */
export const ALLOWED_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];
export const CLOCK_TOLERANCE_SECONDS = 5;

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Remote key set (a service verifying the gateway's tokens). */
  jwksUrl?: string;
  /** Local key set (the gateway verifying its own tokens, tests). Takes precedence over jwksUrl. */
  keys?: JSONWebKeySet;
  /** Extra claims the token must carry besides exp, iat and sub. */
  requiredClaims?: string[];
}

/** What the verified token said, for callers that need more than the principal (jti, expiry). */
export interface VerifiedToken {
  principal: Principal;
  payload: JWTPayload;
}

export class TokenVerifier {
  private getKey: JWTVerifyGetKey;

  private readonly cache = new VerificationCache(
    { verify: async (t) => (await this.verifyToken(t)).principal, verifyToken: (t) => this.verifyToken(t) },
    Number(process.env.OW_TOKEN_CACHE_MS ?? 30_000),
  );

  constructor(readonly options: TokenVerifierOptions) {
    if (options.keys) this.getKey = createLocalJWKSet(options.keys);
    else if (options.jwksUrl)
      this.getKey = createRemoteJWKSet(new URL(options.jwksUrl), {
        timeoutDuration: 3000,
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
    else throw new Error('TokenVerifier needs either keys or jwksUrl');
  }

  /** Replaces a local key set (the gateway calls this after loading or rotating its signing keys). */
  setKeys(keys: JSONWebKeySet): void {
    this.getKey = createLocalJWKSet(keys);
    // A key taken away must stop honouring its tokens now, not when their cache entries lapse.
    this.cache.clear();
  }

  /** Verifies a token and returns its principal; a token that verified is remembered until it expires or 30 s pass. */
  async verify(token: string): Promise<Principal> {
    return this.cache.verify(token);
  }

  async verifyToken(token: string): Promise<VerifiedToken> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192)
      throw unauthorized('令牌格式错误 (malformed token)', 'malformed');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub', ...(this.options.requiredClaims ?? [])],
      }));
    } catch (e) {
      throw toHttpError(e);
    }
    try {
      return { principal: principalFromClaims(payload), payload };
    } catch (e) {
      if (e instanceof InvalidClaimsError)
        throw unauthorized(`令牌声明无效 (invalid token claims: ${e.message})`, 'invalid_claims');
      throw e;
    }
  }

  /**
   * The principal behind an `Authorization` header: the public principal when there is none, the
   * verified principal for `Bearer <token>`, 401 for anything else.
   */
  async principalFromAuthorizationHeader(header?: string | string[]): Promise<Principal> {
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || value.trim() === '') return PUBLIC_PRINCIPAL;
    const m = /^Bearer[ ]+([A-Za-z0-9\-_=.]+)\s*$/i.exec(value);
    if (!m)
      throw unauthorized(
        'Authorization 头格式错误，应为 Bearer 令牌 (malformed Authorization header: expected "Bearer <token>")',
        'malformed',
      );
    return this.verify(m[1]);
  }
}

function unauthorized(message: string, reason: string): UnauthorizedException {
  return new UnauthorizedException({ message, details: { reason } });
}

/** jose's errors turned into messages a client developer can act on. */
export function toHttpError(e: unknown): Error {
  if (e instanceof errors.JWTExpired) return unauthorized('令牌已过期 (token expired)', 'expired');
  if (e instanceof errors.JWTClaimValidationFailed) {
    switch (e.claim) {
      case 'aud':
        return unauthorized('令牌的受众不是本平台 (wrong audience)', 'wrong_audience');
      case 'iss':
        return unauthorized('令牌的签发者不被信任 (wrong issuer)', 'wrong_issuer');
      case 'nbf':
        return unauthorized('令牌尚未生效 (token not yet valid)', 'not_yet_valid');
      default:
        return unauthorized(`令牌声明无效 (invalid claim "${e.claim}": ${e.reason})`, 'invalid_claims');
    }
  }
  if (e instanceof errors.JOSEAlgNotAllowed)
    return unauthorized('令牌签名算法不被接受 (signing algorithm not allowed)', 'alg_not_allowed');
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return unauthorized('令牌签名无效 (bad signature)', 'bad_signature');
  if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys)
    return unauthorized('令牌的签名密钥未知 (unknown signing key)', 'unknown_key');
  if (e instanceof errors.JWKSTimeout)
    return new ServiceUnavailableException({ message: '暂时无法获取验证密钥 (signing keys unavailable)' });
  if (
    e instanceof errors.JWSInvalid ||
    e instanceof errors.JWTInvalid ||
    e instanceof errors.JOSENotSupported ||
    e instanceof errors.JWKInvalid
  ) {
    return unauthorized('令牌格式错误 (malformed token)', 'malformed');
  }
  if (e instanceof errors.JWKSInvalid || e instanceof errors.JOSEError || isNetworkError(e)) {
    // The key set could not be fetched or read: not the caller's fault, and not a reason to trust the token.
    return new ServiceUnavailableException({ message: '暂时无法获取验证密钥 (signing keys unavailable)' });
  }
  return unauthorized('令牌无效 (invalid token)', 'invalid');
}

function isNetworkError(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return (
    typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/.test(code)
  );
}
