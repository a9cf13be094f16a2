import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, type Principal } from '@onewindow/auth';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { bootTestService } from '@onewindow/testing';
import { intakeFeeContracts } from '@onewindow/contracts';
import { DataSource } from 'typeorm';
import { appointmentEntities, appointmentMigrations, AppointmentsModule } from '../../appointments/appointments.module';
import { catalogueEntities, catalogueMigrations, CatalogueModule } from '../../catalogue/catalogue.module';
import { feeEntities, feeMigrations, FeesModule } from '../../fees/fees.module';
import { TestCatalogueModule } from '../../fees/test/test-catalogue';
import { documentEntities, documentMigrations, DocumentsModule } from '../documents.module';

/** Principals the tests of documents, fees and appointments act as. */
export const who = {
  zhang: { type: 'citizen', sub: 'u-zhang', name: '张三丰' },
  li: { type: 'citizen', sub: 'u-li', name: '李四' },
  firm: { type: 'enterprise', sub: 'agent-1', name: '天津市和平区示例餐饮有限公司', uscc: '91120101MA05T8QX1R', agentSub: 'u-agent' },
  clerk: { type: 'staff', sub: 'clerk-1', name: '王窗口', orgUnit: 'TJ-CITY-CENTRE', division: '120000', level: 'city', roles: ['window-clerk'] },
  clerk2: { type: 'staff', sub: 'clerk-2', name: '赵窗口', orgUnit: 'TJ-CITY-CENTRE', division: '120000', level: 'city', roles: ['window-clerk', 'approver'] },
  otherCentreClerk: { type: 'staff', sub: 'clerk-9', name: '钱窗口', orgUnit: 'TJ-HP-CENTRE', division: '120101', level: 'district', roles: ['window-clerk'] },
  approver: { type: 'staff', sub: 'approver-1', name: '孙审批', orgUnit: 'TJ-CITY-CENTRE', division: '120000', level: 'city', roles: ['approver'] },
  reviewer: { type: 'staff', sub: 'reviewer-1', name: '周审查', department: 'GTZY', orgUnit: 'TJ-GTZY', division: '120000', level: 'city', roles: ['reviewer'] },
  bank: { type: 'system', sub: 'bank-icbc', department: 'BANK', scopes: ['payments'] },
  deptSystem: { type: 'system', sub: 'gtzy-system', department: 'GTZY', scopes: ['tasks'] },
} satisfies Record<string, Principal>;

export interface ServicesTestApp {
  app: NestFastifyApplication;
  ds: DataSource;
  token(p: Principal): Promise<string>;
  /** Fastify inject with a bearer token for `as` (none: anonymous). */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, as?: Principal, payload?: unknown): Promise<{ statusCode: number; json: () => any; body: string; rawPayload: Buffer; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Boots documents, fees and appointments with the platform's real infrastructure (a fresh Postgres
 * database, a Kafka namespace, JWKS over HTTP) but without the applications and tasks features.
 * The catalogue is a test provider of the CatalogueReader contract (fixed items), or with
 * `realCatalogue` the catalogue feature itself with its seed.
 */
export async function bootServicesTestApp(prefix: string, opts: { realCatalogue?: boolean; extra?: (Type<unknown> | DynamicModule)[] } = {}): Promise<ServicesTestApp> {
  const real = opts.realCatalogue === true;
  const svc = await bootTestService(prefix, () => {
    @Module({
      imports: [
        ObservabilityModule,
        AuthModule.forRoot(),
        PersistenceModule.forService({
          database: 'ow_intake',
          entities: [...messagingEntities, ...(real ? catalogueEntities : []), ...documentEntities, ...feeEntities, ...appointmentEntities],
          migrations: [...messagingMigrations, ...(real ? catalogueMigrations : []), ...documentMigrations, ...appointmentMigrations, ...feeMigrations],
        }),
        MessagingModule.forService({ service: 'intake', contracts: intakeFeeContracts }),
        real ? CatalogueModule : TestCatalogueModule,
        DocumentsModule,
        FeesModule,
        AppointmentsModule,
        ...(opts.extra ?? []),
      ],
    })
    class ServicesTestModule {}
    return ServicesTestModule;
  }, { service: 'intake' });
  const { app } = svc;
  const { token } = svc;
  return {
    app,
    ds: app.get(DataSource),
    token,
    async call(method, url, as, payload) {
      const headers: Record<string, string> = as ? { authorization: `Bearer ${await token(as)}` } : {};
      const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
      return { statusCode: res.statusCode, json: () => res.json(), body: res.body, rawPayload: res.rawPayload, headers: res.headers };
    },
    close: svc.close,
  };
}
