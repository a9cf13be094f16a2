// Gateway overhead (90-quality.md): req/s and p50/p99 of the same authenticated service call made
// directly and through the gateway, in the same run. Target: overhead ≤ 20%.
//   node -r @swc-node/register bench/gateway.ts [seconds=10] [connections=50]
import autocannon from 'autocannon';
import { cpus } from 'node:os';
import { createTestDatabase, startProcess, stopProcess, waitHttp } from '@onewindow/testing';
import { report } from './report';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 50);
const GW = 18080;
const UP = 13901;

async function load(url: string, token: string, rate?: number) {
  // With `rate`, a fixed offered load (requests/s in all) well below saturation: the latency a user feels.
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}` },
    ...(rate ? { overallRate: rate } : {}),
  });
  const ok = r['2xx'];
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok, errors: r.errors + r.non2xx };
}

(async () => {
  const gwDb = await createTestDatabase('bench_gateway');
  const gateway = startProcess('apps/gateway/src/main.ts', {
    PORT: String(GW),
    OW_PG_DATABASE: gwDb.connection.database,
    OW_UPSTREAM_INTAKE: `http://127.0.0.1:${UP}`,
    // The benchmark measures forwarding cost, so the per-principal budget (600/min) is lifted for it.
    OW_RATE_LIMIT_ENABLED: 'false',
  });
  const upstream = startProcess('bench/upstream.ts', {
    PORT: String(UP),
    OW_JWKS_URL: `http://127.0.0.1:${GW}/auth/.well-known/jwks.json`,
  });
  try {
    await waitHttp(`http://127.0.0.1:${GW}/health/ready`);
    await waitHttp(`http://127.0.0.1:${UP}/health/ready`);
    const login = await fetch(`http://127.0.0.1:${GW}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'citizen.zhang', password: 'OneWindow#2026' }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    if (!token) throw new Error(`login failed: ${login.status}`);
    const direct = `http://127.0.0.1:${UP}/items/XK-SCJG-001`;
    const via = `http://127.0.0.1:${GW}/api/intake/items/XK-SCJG-001`;
    for (const u of [direct, via]) {
      const r = await fetch(u, { headers: { authorization: `Bearer ${token}` } });
      if (!r.ok) throw new Error(`${u}: ${r.status} ${await r.text()}`);
    }
    console.log(
      `gateway overhead: ${SECONDS}s per run, ${CONNECTIONS} connections, GET of one row with token verification`,
    );
    await load(direct, token); // warm-up of both paths (JIT, pools, token caches)
    await load(via, token);
    const d = await load(direct, token);
    const g = await load(via, token);
    const overhead = 1 - g.reqPerSec / d.reqPerSec;
    // Then the same fixed load on both, at a third of what the gateway path sustained.
    const rate = Math.round(g.reqPerSec / 3 / 100) * 100;
    const dFixed = await load(direct, token, rate);
    const gFixed = await load(via, token, rate);
    report(
      'gateway',
      [
        {
          path: 'service directly (ceiling), saturated',
          'req/s': d.reqPerSec,
          'p50 ms': d.p50,
          'p99 ms': d.p99,
          '2xx': d.ok,
          errors: d.errors,
        },
        {
          path: 'through the gateway, saturated',
          'req/s': g.reqPerSec,
          'p50 ms': g.p50,
          'p99 ms': g.p99,
          '2xx': g.ok,
          errors: g.errors,
        },
        {
          path: `service directly, fixed ${rate} req/s`,
          'req/s': dFixed.reqPerSec,
          'p50 ms': dFixed.p50,
          'p99 ms': dFixed.p99,
          '2xx': dFixed.ok,
          errors: dFixed.errors,
        },
        {
          path: `through the gateway, fixed ${rate} req/s`,
          'req/s': gFixed.reqPerSec,
          'p50 ms': gFixed.p50,
          'p99 ms': gFixed.p99,
          '2xx': gFixed.ok,
          errors: gFixed.errors,
        },
      ],
      {
        seconds: SECONDS,
        connections: CONNECTIONS,
        throughputOverhead: overhead,
        fixedRate: rate,
        addedP99AtFixedRate: gFixed.p99 - dFixed.p99,
        target: 'overhead <= 20%',
      },
    );
    console.log(
      `throughput overhead of the gateway (saturated, CPU shared on ${cpus().length} cores): ${(overhead * 100).toFixed(1)}% (target ≤ 20%): ${overhead <= 0.2 ? 'met' : 'NOT met'}`,
    );
    console.log(`at a fixed ${rate} req/s: p50 ${dFixed.p50} → ${gFixed.p50} ms, p99 ${dFixed.p99} → ${gFixed.p99} ms`);
  } finally {
    await stopProcess(gateway);
    await stopProcess(upstream);
    await gwDb.drop();
  }
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
