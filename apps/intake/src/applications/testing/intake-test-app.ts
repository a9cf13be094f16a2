import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, type Principal } from '@onewindow/auth';
import { messagingEntities, messagingMigrations, MessagingModule } from '@onewindow/messaging';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { officialCalendarEntities, officialCalendarMigrations, OfficialCalendarModule } from '@onewindow/official-calendar';
import { CalendarModule } from '../../calendar/calendar.module';
import { intakeCalendar } from '../../deadlines/intake-calendar';
import { bootTestService } from '@onewindow/testing';
import { intakeContracts } from '@onewindow/contracts';
import { DataSource } from 'typeorm';
import { catalogueEntities, catalogueMigrations, CatalogueModule } from '../../catalogue/catalogue.module';
import { documentEntities, documentMigrations, DocumentsModule } from '../../documents/documents.module';
import { IntakeClock } from '../../deadlines/intake-clock.service';
import { taskEntities, taskMigrations, TasksModule } from '../../tasks/tasks.module';
import { applicationEntities, applicationMigrations, ApplicationsModule } from '../applications.module';

export interface IntakeTestApp {
  app: NestFastifyApplication;
  ds: DataSource;
  clock: IntakeClock;
  token(p: Principal): Promise<string>;
  /** app.inject with a bearer token for `p` (or none). */
  call(p: Principal | null, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ statusCode: number; json(): any; body: string }>;
  close(): Promise<void>;
}

/**
 * The intake features this work depends on (catalogue with its seed, documents, applications, tasks)
 * on the real Postgres and Kafka, in an isolated database and Kafka namespace. The whole AppModule
 * also imports features still being written by others (appointments, fees); this module is the same
 * minus those, booted exactly like main.ts does.
 */
export async function bootIntakeTestApp(prefix: string): Promise<IntakeTestApp> {
  process.env.OW_SEED_DEMO = 'true';
  process.env.OW_INTAKE_CLOCK_INTERVAL_MS = '0'; // tests drive the clock with runOnce(today)
  const svc = await bootTestService(prefix, () => {
    @Module({
      imports: [
        ObservabilityModule,
        AuthModule.forRoot(),
        PersistenceModule.forService({
          database: 'ow_intake',
          entities: [...messagingEntities, ...officialCalendarEntities, ...catalogueEntities, ...documentEntities, ...applicationEntities, ...taskEntities],
          migrations: [...messagingMigrations, ...officialCalendarMigrations, ...catalogueMigrations, ...documentMigrations, ...applicationMigrations, ...taskMigrations],
          migrateOnStart: true,
          poolSize: 10,
        }),
        MessagingModule.forService({ service: 'intake', contracts: intakeContracts }),
        OfficialCalendarModule.forService({ calendar: intakeCalendar, lockName: 'intake-calendar' }),
        CatalogueModule,
        DocumentsModule,
        ApplicationsModule,
        TasksModule,
        CalendarModule,
      ],
    })
    class IntakeTestModule {}
    return IntakeTestModule;
  }, { service: 'intake', bodyLimit: 12 * 1024 * 1024 });
  const { app } = svc;
  const token = svc.token;
  return {
    app,
    ds: app.get(DataSource),
    clock: app.get(IntakeClock),
    token,
    async call(p, method, url, body, headers = {}) {
      const auth = p ? { authorization: `Bearer ${await token(p)}` } : {};
      const isBuffer = Buffer.isBuffer(body);
      return app.inject({
        method, url, headers: { ...auth, ...(body !== undefined && !isBuffer ? { 'content-type': 'application/json' } : {}), ...headers },
        payload: body === undefined ? undefined : isBuffer ? body : JSON.stringify(body),
      }) as never;
    },
    close: svc.close,
  };
}

/** Principals of the demo org (apps/gateway identity data): centres, reviewers, approvers, systems, applicants. */
export const people = {
  citizen: { type: 'citizen', sub: 'u-citizen-1', name: '张三' },
  otherCitizen: { type: 'citizen', sub: 'u-citizen-2', name: '李四' },
  enterprise: { type: 'enterprise', sub: 'e-agent-1', name: '天津示例餐饮有限公司', uscc: '91120101MA05T8K25N', agentSub: 'u-citizen-1' },
  cityClerk: { type: 'staff', sub: 'clerk-city', name: '市中心窗口-赵敏', orgUnit: 'SC-120000', division: '120000', level: 'city', roles: ['window-clerk'] },
  cityClerkApprover: { type: 'staff', sub: 'clerk-city-2', name: '市中心窗口-首席', orgUnit: 'SC-120000', division: '120000', level: 'city', roles: ['window-clerk', 'approver'] },
  hepingClerk: { type: 'staff', sub: 'clerk-heping', name: '和平区窗口-钱进', orgUnit: 'SC-120101', division: '120101', level: 'district', roles: ['window-clerk'] },
  hepingClerk2: { type: 'staff', sub: 'clerk-heping-2', name: '和平区窗口-吴', orgUnit: 'SC-120101', division: '120101', level: 'district', roles: ['window-clerk'] },
  nankaiClerk: { type: 'staff', sub: 'clerk-nankai', name: '南开区窗口-孙丽', orgUnit: 'SC-120104', division: '120104', level: 'district', roles: ['window-clerk'] },
  streetClerk: { type: 'staff', sub: 'clerk-qyc', name: '劝业场街窗口-周强', orgUnit: 'SC-120101001', division: '120101001', level: 'street', roles: ['window-clerk'] },
  hepingScjgReviewer: { type: 'staff', sub: 'rev-scjg-hp', name: '和平区市场监管审查员', department: 'SCJG', orgUnit: 'SCJG-120101', division: '120101', level: 'district', roles: ['reviewer'] },
  hepingScjgApprover: { type: 'staff', sub: 'apr-scjg-hp', name: '和平区市场监管审批人', department: 'SCJG', orgUnit: 'SCJG-120101', division: '120101', level: 'district', roles: ['approver'] },
  nankaiScjgReviewer: { type: 'staff', sub: 'rev-scjg-nk', name: '南开区市场监管审查员', department: 'SCJG', orgUnit: 'SCJG-120104', division: '120104', level: 'district', roles: ['reviewer'] },
  jtReviewer: { type: 'staff', sub: 'rev-jt', name: '交通审查员', department: 'JT', orgUnit: 'JT-120000', division: '120000', level: 'city', roles: ['reviewer'] },
  wjReviewer: { type: 'staff', sub: 'rev-wj', name: '卫健审查员', department: 'WJ', orgUnit: 'WJ-120000', division: '120000', level: 'city', roles: ['reviewer', 'approver'] },
  jtSystem: { type: 'system', sub: 'jt-system', department: 'JT', scopes: ['tasks:read', 'tasks:decide'] },
  scjgSystem: { type: 'system', sub: 'scjg-system', department: 'SCJG', scopes: ['tasks:read', 'tasks:decide'] },
} satisfies Record<string, Principal>;

export const RESIDENT_ID = '120101199003071235';
export const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(512, 0x20), Buffer.from('\n%%EOF\n')]);
