import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { pgConnectionFromEnv } from '@onewindow/persistence';
import { isolateService, principals, startTestIssuer, waitFor } from '@onewindow/testing';
import { Client } from 'pg';
import { validForm } from '../src/testing/form-fixture';

const ROOT = path.resolve(__dirname, '../../..');

/** Resolves with the promise, or rejects after ms; the timer never outlives the promise. */
async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * F2 (90-quality.md): the registration service, a real process, is killed with SIGKILL between the
 * licence and the department steps (the fault-injection point OW_TEST_CRASH_AFTER=licence-issued fires
 * right after the licence's transaction commits, before its Kafka offset is committed). Restarted, it
 * finishes the saga with nothing done twice: one USCC, one licence, each department step requested
 * and completed exactly once.
 */
describe('F2: the registration service killed mid-saga finishes after restart, nothing done twice', () => {
  let iso: Awaited<ReturnType<typeof isolateService>>;
  let tokens: Awaited<ReturnType<typeof startTestIssuer>>;
  let pg: Client;
  let child: ChildProcess | undefined;
  let port: number;
  let output = '';

  function start(extraEnv: Record<string, string>): ChildProcess {
    const p = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/registration/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        OW_PG_DATABASE: iso.connection.database,
        OW_KAFKA_NAMESPACE: iso.namespace,
        OW_JWKS_URL: tokens.url,
        OW_REG_STEP_MODES: 'GA:auto,SW:auto,RS:auto,TJ:auto',
        OW_REG_ESCALATION_INTERVAL_MS: '0',
        OW_LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    p.stdout!.on('data', (d) => (output += d));
    p.stderr!.on('data', (d) => (output += d));
    return p;
  }
  const exited = (p: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) resolve({ code: p.exitCode, signal: p.signalCode });
      else p.once('exit', (code, signal) => resolve({ code, signal }));
    });
  const ready = () =>
    waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok,
      120_000,
      250,
      `service ready; output:\n${output}`,
    );
  const rows = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows;
  const one = async (sql: string, params: unknown[] = []) => Number((await rows(sql, params))[0].n);

  beforeAll(async () => {
    iso = await isolateService('reg_f2');
    tokens = await startTestIssuer();
    port = await freePort();
    const conn = pgConnectionFromEnv(iso.connection.database);
    pg = new Client({ ...conn, user: conn.username });
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await within(exited(child), 10_000, () => 'no exit').catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    child?.stdout?.destroy();
    child?.stderr?.destroy();
    await pg?.end().catch(() => undefined);
    await tokens?.close();
    await iso?.drop();
  });

  it('resumes from the outbox and the uncommitted offset after SIGKILL', async () => {
    child = start({ OW_TEST_CRASH_AFTER: 'licence-issued' });
    await ready();
    await pg.connect();
    const token = await tokens.issuer.sign(principals.founder);
    const res = await fetch(`http://127.0.0.1:${port}/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(validForm({}, '海河')),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;

    // The process kills itself right after the licence commits.
    const death = await within(exited(child), 60_000, () => `no crash; output:\n${output}`);
    expect(death.signal).toBe('SIGKILL');
    expect(output).toMatch(/killing the process after licence-issued/);

    // Killed between the licence and the department steps: licence committed, no step requested yet.
    expect(await rows('select state, uscc is not null as has_uscc from registration where id = $1', [id])).toEqual([
      { state: 'LICENSED', has_uscc: true },
    ]);
    expect(await one('select count(*)::int n from licence')).toBe(1);
    expect(
      await one(
        `select count(*)::int n from registration_step where registration_id = $1 and kind in ('seal','tax','social-insurance','statistics') and state = 'WAITING'`,
        [id],
      ),
    ).toBe(4);
    expect(await one(`select count(*)::int n from outbox_event where type = 'registration.step.requested'`)).toBe(0);
    expect(
      await one(`select count(*)::int n from outbox_event where type = 'registration.enterprise.licence-issued'`),
    ).toBe(1);

    // Restarted without the fault: the saga finishes.
    child = start({});
    await ready();
    // The killed process never left its consumer groups: Kafka waits for its members' session or
    // rebalance timeout (30-60 s) before the restarted consumers get the partitions.
    await waitFor(
      async () => (await rows('select state from registration where id = $1', [id]))[0].state === 'COMPLETED',
      180_000,
      200,
      `completed; output:\n${output}`,
    );

    // Nothing done twice.
    expect(await one('select count(*)::int n from uscc_issued')).toBe(1);
    expect(await one('select count(*)::int n from licence')).toBe(1);
    const perStep = await rows(
      `select envelope->'data'->>'kind' as kind, type, count(*)::int as n from outbox_event where type in ('registration.step.requested', 'registration.step.completed') group by 1, 2 order by 1, 2`,
    );
    expect(perStep).toEqual(
      ['seal', 'social-insurance', 'statistics', 'tax'].flatMap((kind) => [
        { kind, type: 'registration.step.completed', n: 1 },
        { kind, type: 'registration.step.requested', n: 1 },
      ]),
    );
    expect(
      await rows(`select kind, state, attempt from registration_step where registration_id = $1 order by kind`, [id]),
    ).toEqual(
      ['licence', 'name-check', 'seal', 'social-insurance', 'statistics', 'tax'].map((kind) => ({
        kind,
        state: 'DONE',
        attempt: 1,
      })),
    );
    expect(await one(`select count(*)::int n from outbox_event where type = 'registration.enterprise.completed'`)).toBe(
      1,
    );
    // Every event was applied once per consumer: the inbox has no event twice, and the name-approved
    // event, redelivered after the restart (its offset was never committed), was recognised as a repeat.
    expect(
      await one(
        `select count(*)::int n from (select consumer, event_id from inbox_event group by 1, 2 having count(*) > 1) d`,
      ),
    ).toBe(0);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(
      /ow_events_total\{direction="in",topic="registration\.enterprise\.v1",outcome="duplicate"\} [1-9]/,
    );
  }, 300_000);
});
