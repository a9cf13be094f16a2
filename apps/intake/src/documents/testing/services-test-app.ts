import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@onewindow/auth';
import { serviceModule } from '@onewindow/service';
import { bootTestService } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { AppointmentsModule } from '../../appointments/appointments.module';
import { CatalogueModule } from '../../catalogue/catalogue.module';
import { FeesModule } from '../../fees/fees.module';
import { TestCatalogueModule } from '../../fees/testing/test-catalogue';
import { intakeDefinition } from '../../service-definition';
import { DocumentsModule } from '../documents.module';

export interface ServicesTestApp {
  app: NestFastifyApplication;
  ds: DataSource;
  token(p: Principal): Promise<string>;
  /** Fastify inject with a bearer token for `as` (none: anonymous). */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    as?: Principal,
    payload?: unknown,
  ): Promise<{
    statusCode: number;
    json: () => any;
    body: string;
    rawPayload: Buffer;
    headers: Record<string, unknown>;
  }>;
  close(): Promise<void>;
}

/**
 * Boots documents, fees and appointments with the platform's real infrastructure (a fresh Postgres
 * database, a Kafka namespace, JWKS over HTTP) but without the applications and tasks features.
 * The catalogue is a test provider of the CatalogueReader contract (fixed items), or with
 * `realCatalogue` the catalogue feature itself with its seed.
 */
export async function bootServicesTestApp(
  prefix: string,
  opts: { realCatalogue?: boolean; extra?: (Type<unknown> | DynamicModule)[] } = {},
): Promise<ServicesTestApp> {
  const real = opts.realCatalogue === true;
  const svc = await bootTestService(
    prefix,
    () =>
      serviceModule(intakeDefinition, {
        features: [...(real ? [CatalogueModule] : []), DocumentsModule, FeesModule, AppointmentsModule],
        extra: [...(real ? [] : [TestCatalogueModule]), ...(opts.extra ?? [])],
      }),
    { service: 'intake' },
  );
  const { app } = svc;
  const { token } = svc;
  return {
    app,
    ds: app.get(DataSource),
    token,
    async call(method, url, as, payload) {
      const headers: Record<string, string> = as ? { authorization: `Bearer ${await token(as)}` } : {};
      const res = await app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return {
        statusCode: res.statusCode,
        json: () => res.json(),
        body: res.body,
        rawPayload: res.rawPayload,
        headers: res.headers,
      };
    },
    close: svc.close,
  };
}
