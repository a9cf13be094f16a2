import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@onewindow/auth';
import { serviceModule } from '@onewindow/service';
import { bootTestService } from '@onewindow/testing';
import { DataSource } from 'typeorm';
import { CalendarModule } from '../../calendar/calendar.module';
import { CatalogueModule } from '../../catalogue/catalogue.module';
import { IntakeClockService } from '../../deadlines/intake-clock.service';
import { DocumentsModule } from '../../documents/documents.module';
import { intakeDefinition } from '../../service-definition';
import { TasksModule } from '../../tasks/tasks.module';
import { ApplicationsModule } from '../applications.module';

export interface IntakeTestApp {
  app: NestFastifyApplication;
  ds: DataSource;
  clock: IntakeClockService;
  token(p: Principal): Promise<string>;
  /** app.inject with a bearer token for `p` (or none). */
  call(
    p: Principal | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ statusCode: number; json(): any; body: string }>;
  close(): Promise<void>;
}

/**
 * The intake features the applications' tests depend on (catalogue with its seed, documents,
 * applications, tasks, the calendar) on the real Postgres and Kafka, in an isolated database and Kafka
 * namespace, booted exactly like main.ts does; appointments and fees are left out.
 */
export async function bootIntakeTestApp(prefix: string): Promise<IntakeTestApp> {
  process.env.OW_SEED_DEMO = 'true';
  process.env.OW_INTAKE_CLOCK_INTERVAL_MS = '0'; // tests drive the clock with runOnce(today)
  const svc = await bootTestService(
    prefix,
    () =>
      serviceModule(intakeDefinition, {
        features: [CatalogueModule, DocumentsModule, ApplicationsModule, TasksModule, CalendarModule],
        migrateOnStart: true,
        poolSize: 10,
      }),
    { service: 'intake', bodyLimit: 12 * 1024 * 1024 },
  );
  const { app } = svc;
  const token = svc.token;
  return {
    app,
    ds: app.get(DataSource),
    clock: app.get(IntakeClockService),
    token,
    async call(p, method, url, body, headers = {}) {
      const auth = p ? { authorization: `Bearer ${await token(p)}` } : {};
      const isBuffer = Buffer.isBuffer(body);
      return app.inject({
        method,
        url,
        headers: {
          ...auth,
          ...(body !== undefined && !isBuffer ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        payload: body === undefined ? undefined : isBuffer ? body : JSON.stringify(body),
      }) as never;
    },
    close: svc.close,
  };
}

export const RESIDENT_ID = '120101199003071235';
export const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(512, 0x20), Buffer.from('\n%%EOF\n')]);
