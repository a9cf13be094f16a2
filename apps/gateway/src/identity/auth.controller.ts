import { Body, Controller, Get, Header, HttpCode, NotFoundException, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, RequireRoles, Roles, type Principal } from '@onewindow/auth';
import { AccountService } from './account.service';
import { ClientsService } from './clients.service';
import { ownAccountView, principalOfAccount } from './domain/accounts';
import { MeResponseDto } from './dto/account.dto';
import { ClientCredentialsDto, ExchangeDto, LoginDto, RefreshDto } from './dto/credentials.dto';
import { JwksResponseDto, RotateKeyDto } from './dto/signing-key.dto';
import { TokenResponseDto } from './dto/token.dto';
import type { UserAccountEntity } from './entities/user-account.entity';
import { LoginLockedError } from './errors';
import { LoginService } from './login.service';
import { OidcExchangeService } from './oidc-exchange.service';
import { SessionsService } from './sessions.service';
import { SigningKeyService } from './signing-key.service';
import { TokenIssuerService } from './token-issuer.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsService,
    private readonly clients: ClientsService,
    private readonly oidc: OidcExchangeService,
    private readonly issuer: TokenIssuerService,
    private readonly keys: SigningKeyService,
    private readonly accounts: AccountService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Log in with username and password (staff, citizens, enterprises)',
    description: '5 consecutive failures lock the username for 15 minutes (429 with Retry-After).',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ description: '用户名或密码错误 (invalid credentials)' })
  @ApiTooManyRequestsResponse({ description: 'Locked after repeated failures; see Retry-After.' })
  @ApiBadRequestResponse({ description: 'Malformed body or unknown fields.' })
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenResponseDto> {
    try {
      const account = await this.logins.login(body.username, body.password);
      return await this.tokensFor(account, await this.sessions.start(account.id));
    } catch (e) {
      if (e instanceof LoginLockedError) reply.header('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Exchange a refresh token for a new access and refresh token (the old one is revoked)' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Invalid, expired or revoked refresh token. Reusing a revoked one revokes the whole session.',
  })
  async refresh(@Body() body: RefreshDto): Promise<TokenResponseDto> {
    const { account, refreshToken } = await this.sessions.rotate(body.refresh_token);
    return this.tokensFor(account, refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End a session: revokes the refresh token and every token rotated from it',
    description: 'Access tokens already issued stay valid until they expire (at most 15 minutes).',
  })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.sessions.revoke(body.refresh_token);
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOperation({
    summary: 'OAuth 2 client credentials for department systems',
    description:
      'Issues a 15-minute token for a `system` principal scoped to the client\u2019s department. No refresh token.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ description: 'invalid_client' })
  async token(@Body() body: ClientCredentialsDto): Promise<TokenResponseDto> {
    const principal = await this.clients.authenticate(body.client_id, body.client_secret, body.scope);
    const token = await this.issuer.issue(principal);
    return { ...token, scope: principal.scopes.join(' '), principal: { ...principal } };
  }

  @Public()
  @Post('exchange')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Exchange an ID token of the configured external OIDC issuer for a platform citizen token',
    description: '404 when no external issuer is configured (OW_OIDC_ISSUER, OW_OIDC_JWKS_URL, OW_OIDC_AUDIENCE).',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({
    description: 'The ID token is expired, for another audience, from another issuer or badly signed.',
  })
  async exchange(@Body() body: ExchangeDto): Promise<TokenResponseDto> {
    const account = await this.oidc.exchange(body.id_token);
    return this.tokensFor(account, await this.sessions.start(account.id));
  }

  @Public()
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'The public keys that verify platform tokens (ES256)',
    description: 'Includes keys about to sign and keys whose tokens have not yet expired.',
  })
  @ApiOkResponse({ type: JwksResponseDto })
  jwks(): JwksResponseDto {
    return this.keys.jwks() as unknown as JwksResponseDto;
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller\u2019s principal, and for an account holder their own account' })
  @ApiOkResponse({ type: MeResponseDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeResponseDto> {
    if (principal.type === 'system' || principal.type === 'public') return { principal: { ...principal } };
    const account = await this.accounts.ownAccount(principal.sub);
    if (!account) throw new NotFoundException({ message: '账户不存在 (account not found)' });
    return { principal: { ...principal }, account: ownAccountView(account) };
  }

  @Post('keys/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequireRoles(Roles.platformAdmin)
  @ApiOperation({
    summary: 'Rotate the token-signing key (platform administrators)',
    description:
      'The new key is published at once and signs after `activate_in_seconds`; old keys stay published until their tokens expire.',
  })
  async rotate(@Body() body: RotateKeyDto): Promise<{ kid: string; activatesAt: string }> {
    const r = await this.keys.rotate(body.activate_in_seconds);
    return { kid: r.kid, activatesAt: r.activatesAt.toISOString() };
  }

  private async tokensFor(account: UserAccountEntity, refreshToken: string): Promise<TokenResponseDto> {
    const principal = principalOfAccount(account);
    const token = await this.issuer.issue(principal);
    return { ...token, refresh_token: refreshToken, principal: { ...principal } };
  }
}
