import { DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_PUBLIC_PATHS, AuthGuard, DEFAULT_PUBLIC_PATHS } from './auth.guard';
import { authConfigFromEnv } from './config';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

export interface AuthModuleOptions extends Partial<TokenVerifierOptions> {
  /** Path prefixes that need no token besides @Public() routes (default: /health, /metrics). */
  publicPaths?: string[];
}

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: unknown[];
  /** Builds the verifier (e.g. the gateway's, with its own keys from its database). */
  useFactory: (...args: never[]) => TokenVerifier | Promise<TokenVerifier>;
  publicPaths?: string[];
}

/**
 * Authentication for a service: one TokenVerifier and a global guard. Import once, in the root
 * module; every route then needs a valid token unless it is @Public().
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const { publicPaths, ...verifierOptions } = options;
    const verifier: Provider = {
      provide: TokenVerifier,
      useFactory: () => {
        const env = authConfigFromEnv();
        const o: TokenVerifierOptions = { issuer: env.issuer, audience: env.audience, ...verifierOptions };
        if (!o.keys && !o.jwksUrl) o.jwksUrl = env.jwksUrl;
        return new TokenVerifier(o);
      },
    };
    return AuthModule.module([verifier], publicPaths, []);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const verifier: Provider = {
      provide: TokenVerifier,
      inject: (options.inject ?? []) as never[],
      useFactory: options.useFactory,
    };
    return AuthModule.module([verifier], options.publicPaths, options.imports ?? []);
  }

  private static module(
    providers: Provider[],
    publicPaths: string[] | undefined,
    imports: ModuleMetadata['imports'],
  ): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports,
      providers: [
        ...providers,
        { provide: AUTH_PUBLIC_PATHS, useValue: publicPaths ?? DEFAULT_PUBLIC_PATHS },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
