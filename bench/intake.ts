// Intake submissions through the gateway (90-quality.md): throughput and p50/p99 at rising concurrency,
// acceptance → task visible p99, and beside them, in the same run, a bare Fastify handler doing the same
// insert + outbox transaction on the same Postgres (the ceiling).
//   node -r @swc-node/register bench/intake.ts [seconds=10] [concurrency list=10,50,100]
import autocannon from 'autocannon';
import { Client } from 'pg';
import { createTestDatabase, startProcess, stopProcess, waitFor, waitHttp } from '@onewindow/testing';
import { percentile, report } from './report';

const SECONDS = Number(process.argv[2] ?? 10);
const LEVELS = (process.argv[3] ?? '10,50,100').split(',').map(Number);
const GW = 18280;
const INTAKE = 13280;
const BARE = 13281;
const ITEM = { itemCode: 'GG-RS-002', formData: { purpose: '社保参保证明' }, materials: [{ code: 'M01', eLicenceRef: 'EL-SFZ-0001' }], applicantIdNumber: '11010519491231002X' };

let seq = 0;
async function submitLoad(url: string, connections: number, token?: string) {
  const r = await autocannon({
    url, connections, duration: SECONDS,
    requests: [{
      method: 'POST', path: new URL(url).pathname,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(ITEM),
      setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `bench-${process.pid}-${++seq}` } }),
    }],
  });
  return { perSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], bad: r.non2xx + r.errors };
}

async function login(username: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${GW}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'OneWindow#2026' }) });
  return ((await r.json()) as { access_token: string }).access_token;
}

(async () => {
  const [gwDb, intakeDb, bareDb] = await Promise.all([createTestDatabase('bench_gw'), createTestDatabase('bench_intake'), createTestDatabase('bench_bare')]);
  const sql = new Client({ ...intakeDb.connection, user: intakeDb.connection.username });
  const procs = [
    startProcess('apps/gateway/src/main.ts', { PORT: String(GW), OW_PG_DATABASE: gwDb.connection.database, OW_UPSTREAM_INTAKE: `http://127.0.0.1:${INTAKE}`, OW_RATE_LIMIT_ENABLED: 'false' }),
    startProcess('apps/intake/src/main.ts', { PORT: String(INTAKE), OW_PG_DATABASE: intakeDb.connection.database, OW_JWKS_URL: `http://127.0.0.1:${GW}/auth/.well-known/jwks.json`, OW_INTAKE_CLOCK_INTERVAL_MS: '0', OW_KAFKA_NAMESPACE: `bench${process.pid}`, OW_PG_POOL: '40', OW_WORKERS: process.env.OW_INTAKE_WORKERS ?? '1' }),
    startProcess('bench/bare-insert.ts', { PORT: String(BARE), OW_PG_DATABASE: bareDb.connection.database }),
  ];
  try {
    await Promise.all([waitHttp(`http://127.0.0.1:${GW}/health/ready`, 120_000), waitHttp(`http://127.0.0.1:${INTAKE}/health/ready`, 120_000), waitHttp(`http://127.0.0.1:${BARE}/nothing`, 30_000).catch(() => undefined)]);
    await sql.connect();
    const citizen = await login('citizen.zhang');
    const clerk = await login('clerk.city');
    const via = `http://127.0.0.1:${GW}/api/intake/applications`;
    const bare = `http://127.0.0.1:${BARE}/applications`;
    const probe = await fetch(via, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen}`, 'idempotency-key': 'bench-probe' }, body: JSON.stringify(ITEM) });
    if (probe.status !== 201) throw new Error(`probe submission: ${probe.status} ${await probe.text()}`);
    console.log(`intake submissions: ${SECONDS}s per level, concurrency ${LEVELS.join(', ')}; item ${ITEM.itemCode} online, one e-licence material; one intake process, pool of 40 connections`);
    await submitLoad(via, 20, citizen); // warm-up
    await submitLoad(bare, 20);
    const rows: Record<string, string | number>[] = [];
    const figures: Record<string, unknown>[] = [];
    for (const c of LEVELS) {
      const ours = await submitLoad(via, c, citizen);
      const ceiling = await submitLoad(bare, c);
      rows.push({ concurrency: c, 'through gateway /s': ours.perSec, 'p50 ms': ours.p50, 'p99 ms': ours.p99, 'non-2xx': ours.bad, 'bare handler /s': ceiling.perSec, 'bare p99 ms': ceiling.p99, 'ratio': `${((ours.perSec / ceiling.perSec) * 100).toFixed(0)}%` });
      figures.push({ concurrency: c, ours, ceiling });
    }

    // Acceptance → task visible: a clerk accepts received applications; the consumer stores each task;
    // the lag is the task row's creation minus the acceptance step (both on the database's clock).
    // Once as a burst (20 clerks at once, as fast as they go), once paced at a steady rate.
    // The submissions' events are relayed and consumed first, so the acceptance figures measure acceptance.
    await waitFor(async () => (await sql.query('select count(*)::int as n from outbox_event where published_at is null')).rows[0].n === 0, 180_000, 200, 'the outbox to drain');
    await new Promise((r) => setTimeout(r, 3000));
    const received: string[] = (await sql.query(`select id from application where state = 'RECEIVED' order by received_at limit 1300`)).rows.map((r) => r.id);
    const acceptPhase = async (ids: string[], perSecond?: number) => {
      let next = 0;
      const latency: number[] = [];
      const started = performance.now();
      await Promise.all(Array.from({ length: 20 }, async () => {
        for (let i = next++; i < ids.length; i = next++) {
          if (perSecond) {
            const due = started + (i * 1000) / perSecond;
            if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
          }
          const t = performance.now();
          const r = await fetch(`http://127.0.0.1:${GW}/api/intake/window/applications/${ids[i]}/accept`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` }, body: '{}' });
          if (r.status !== 200) throw new Error(`accept: ${r.status} ${await r.text()}`);
          latency.push(performance.now() - t);
        }
      }));
      const rate = ids.length / ((performance.now() - started) / 1000);
      await waitFor(async () => (await sql.query('select count(*)::int as n from task where application_id = any($1)', [ids])).rows[0].n === ids.length, 180_000, 200, 'every task');
      const lags = (await sql.query(
        `select extract(epoch from (t.created_at - s.at)) * 1000 as ms from task t join application_step s on s.application_id = t.application_id and s.action = 'accept' where t.application_id = any($1)`, [ids],
      )).rows.map((r) => Number(r.ms));
      return { rate, latency, lags };
    };
    const burst = await acceptPhase(received.slice(0, 1000));
    await new Promise((r) => setTimeout(r, 2000));
    const paced = await acceptPhase(received.slice(1000, 1300), 30);
    for (const [name, ph] of [['burst', burst], ['paced', paced]] as const) {
      rows.push({ concurrency: `accept ${name} ${ph.rate.toFixed(0)}/s`, 'through gateway /s': ph.rate, 'p50 ms': percentile(ph.latency, 50), 'p99 ms': percentile(ph.latency, 99), 'non-2xx': 0, 'bare handler /s': '-', 'bare p99 ms': '-', ratio: `task lag p99 ${percentile(ph.lags, 99).toFixed(0)} ms` });
    }
    const lags = paced.lags;
    report('intake', rows, { seconds: SECONDS, figures, acceptToTaskMs: { burst: { acceptsPerSec: burst.rate, p50: percentile(burst.lags, 50), p99: percentile(burst.lags, 99), n: burst.lags.length }, paced: { acceptsPerSec: paced.rate, p50: percentile(lags, 50), p99: percentile(lags, 99), n: lags.length } }, targets: { submissionsPerSec: 1000, p99Ms: 100, submitToTaskP99Ms: 500 } });
    const best = figures.reduce((a: any, b: any) => (b.ours.perSec > a.ours.perSec ? b : a)) as any;
    console.log(`best: ${best.ours.perSec.toFixed(0)} submissions/s at concurrency ${best.concurrency} (p99 ${best.ours.p99} ms) = ${((best.ours.perSec / best.ceiling.perSec) * 100).toFixed(0)}% of the bare handler's ${best.ceiling.perSec.toFixed(0)}/s; target ≥ 1,000/s with p99 < 100 ms: ${best.ours.perSec >= 1000 && best.ours.p99 < 100 ? 'met' : 'NOT met'}`);
    console.log(`acceptance → task visible, burst of ${burst.lags.length} at ${burst.rate.toFixed(0)}/s: p50 ${percentile(burst.lags, 50).toFixed(0)} ms, p99 ${percentile(burst.lags, 99).toFixed(0)} ms`);
    console.log(`acceptance → task visible, paced at ${paced.rate.toFixed(0)}/s: p50 ${percentile(lags, 50).toFixed(0)} ms, p99 ${percentile(lags, 99).toFixed(0)} ms over ${lags.length} tasks; target p99 < 500 ms: ${percentile(lags, 99) < 500 ? 'met' : 'NOT met'} (at this rate)`);
  } finally {
    await sql.end().catch(() => undefined);
    await Promise.all(procs.map(stopProcess));
    await Promise.all([gwDb.drop(), intakeDb.drop(), bareDb.drop()]);
  }
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
