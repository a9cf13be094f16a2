import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';

/** One message for an unknown user, a wrong password and a disabled account: no user enumeration. */
export class InvalidCredentialsError extends UnauthorizedException {
  constructor() {
    super({ message: '用户名或密码错误 (invalid credentials)' });
  }
}

/**
 * Too many consecutive failures: 429 with Retry-After. 429 rather than 423 because clients already
 * back off on 429 + Retry-After (G4 rate limits answer the same way) and 423 is a WebDAV code that
 * generic HTTP clients do not handle.
 */
export class LoginLockedError extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        message: `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试 (too many failed logins: locked, retry after ${retryAfterSeconds} s)`,
        details: { retryAfterSeconds },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

export class InvalidRefreshTokenError extends UnauthorizedException {
  constructor() {
    super({ message: '刷新令牌无效或已过期，请重新登录 (invalid, expired or revoked refresh token)' });
  }
}

/** OAuth 2 client authentication failed (RFC 6749 §5.2 `invalid_client`, in the platform's error shape). */
export class InvalidClientError extends UnauthorizedException {
  constructor() {
    super({ message: '客户端认证失败 (invalid client credentials)', details: { oauthError: 'invalid_client' } });
  }
}
