// Enterprise registration saga (90-quality.md, 30-registration.md "Performance"): 1,000 registrations
// with every department step `auto`, submit → completed, against the real registration process,
// Postgres and Kafka; beside it a raw kafkajs produce → consume round trip measured in the same run.
// Target: 1,000 in under 60 s, every one with a distinct valid USCC.
//   node -r @swc-node/register bench/registration.ts [registrations=1000] [concurrency=32]
import { randomBytes } from 'node:crypto';
import { validateUscc } from '@onewindow/codes';
import { pgConnectionFromEnv } from '@onewindow/persistence';
import {
  createTestDatabase,
  createTopics,
  kafkaBrokers,
  startProcess,
  startTestIssuer,
  stopProcess,
  uniqueTopic,
  waitFor,
  waitHttp,
} from '@onewindow/testing';
import { Client } from 'pg';
import { tradeNameFor, validForm } from '../apps/registration/src/testing/form-fixture';
import { rawRoundTrip } from './raw-kafka';
import { percentile, report } from './report';

const N = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const PORT = 13902;
// Four district authorities, each with its own USCC sequence and daily counters, as in a real city.
const DISTRICTS = ['120101', '120102', '120103', '120104'];

(async () => {
  const db = await createTestDatabase('bench_registration');
  const namespace = `b${randomBytes(4).toString('hex')}`;
  const issuer = await startTestIssuer();
  const service = startProcess('apps/registration/src/main.ts', {
    PORT: String(PORT),
    OW_PG_DATABASE: db.connection.database,
    OW_KAFKA_NAMESPACE: namespace,
    OW_JWKS_URL: issuer.url,
    OW_REG_STEP_MODES: 'GA:auto,SW:auto,RS:auto,TJ:auto',
    OW_REG_ESCALATION_INTERVAL_MS: '0',
  });
  const conn = pgConnectionFromEnv(db.connection.database);
  const pg = new Client({ ...conn, user: conn.username });
  try {
    await waitHttp(`http://127.0.0.1:${PORT}/health/ready`, 120_000);
    await pg.connect();
    console.log(
      `registration saga benchmark: ${N} registrations, all department steps auto, ${CONCURRENCY} concurrent founders, ${DISTRICTS.length} district authorities`,
    );

    const rawTopic = uniqueTopic('bench-registration-raw');
    await createTopics(kafkaBrokers(), [rawTopic], 3);
    const raw = await rawRoundTrip(rawTopic, N, {
      batch: 100,
      payload: (i) => ({ key: `r-${i}`, value: JSON.stringify({ i, pad: 'x'.repeat(600) }) }),
    });

    // One founder (one token) per registration; tokens are signed before the clock starts.
    const tokens = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        issuer.issuer.sign({ type: 'citizen', sub: `bench-founder-${i}`, name: '创业者' }, { ttlSeconds: 3600 }),
      ),
    );
    // Warm-up: one registration through the whole saga (JIT, pools, consumer groups), not counted.
    const warm = await fetch(`http://127.0.0.1:${PORT}/registrations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await issuer.issuer.sign({ type: 'citizen', sub: 'bench-warmup', name: '预热' })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(validForm({ nameCandidates: ['天津预热示例科技有限公司'] })),
    });
    if (warm.status !== 201) throw new Error(`warm-up submit: ${warm.status} ${await warm.text()}`);
    const warmId = ((await warm.json()) as { id: string }).id;
    await waitFor(
      async () =>
        (await pg.query(`select state from registration where id = $1`, [warmId])).rows[0]?.state === 'COMPLETED',
      120_000,
      100,
      'warm-up completed',
    );

    const submitMs: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < N; i = next++) {
          const division = DISTRICTS[i % DISTRICTS.length]!;
          const form = validForm(
            { authorityDivision: division, domicile: { division, address: `天津市某区某路 ${i} 号` } },
            tradeNameFor(i),
          );
          const s = performance.now();
          const r = await fetch(`http://127.0.0.1:${PORT}/registrations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
            body: JSON.stringify(form),
          });
          submitMs.push(performance.now() - s);
          if (r.status !== 201) failures.push(`${i}: ${r.status} ${(await r.text()).slice(0, 200)}`);
          else await r.arrayBuffer();
        }
      }),
    );
    const submitted = Date.now();
    if (failures.length > 0)
      throw new Error(`${failures.length} submissions failed, e.g. ${failures.slice(0, 3).join(' | ')}`);
    await waitFor(
      async () =>
        Number(
          (await pg.query(`select count(*)::int n from registration where state = 'COMPLETED' and id <> $1`, [warmId]))
            .rows[0].n,
        ) >= N,
      600_000,
      100,
      'all completed',
    );
    const rows: { uscc: string; e2e_ms: number; last: string }[] = (
      await pg.query(
        `select uscc, extract(epoch from (completed_at - submitted_at)) * 1000 as e2e_ms, extract(epoch from completed_at) * 1000 as last from registration where id <> $1`,
        [warmId],
      )
    ).rows;
    const lastCompleted = Math.max(...rows.map((r) => Number(r.last)));
    const totalSeconds = (lastCompleted - t0) / 1000;
    const e2e = rows.map((r) => Number(r.e2e_ms));
    const distinct = new Set(rows.map((r) => r.uscc)).size;
    const invalid = rows.filter((r) => !validateUscc(r.uscc).valid).length;

    report(
      'registration',
      [
        {
          path: 'raw kafkajs produce → consume (ceiling, one hop)',
          items: N,
          'total s': raw.seconds,
          'items/s': raw.e2ePerSec,
          'p50 ms': raw.lagP50,
          'p99 ms': raw.lagP99,
        },
        {
          path: 'registration saga: submit → completed',
          items: N,
          'total s': totalSeconds,
          'items/s': N / totalSeconds,
          'p50 ms': percentile(e2e, 50),
          'p99 ms': percentile(e2e, 99),
        },
        {
          path: `submit (HTTP, ${CONCURRENCY} concurrent)`,
          items: N,
          'total s': (submitted - t0) / 1000,
          'items/s': N / ((submitted - t0) / 1000),
          'p50 ms': percentile(submitMs, 50),
          'p99 ms': percentile(submitMs, 99),
        },
      ],
      {
        registrations: N,
        concurrency: CONCURRENCY,
        totalSeconds,
        registrationsPerSecond: N / totalSeconds,
        distinctUscc: distinct,
        invalidUscc: invalid,
        kafkaHopsPerRegistration: 4,
        sagaSecondsOverRawSeconds: totalSeconds / raw.seconds,
        target: '1,000 in < 60 s, every USCC distinct and valid',
      },
    );
    const met = N >= 1000 ? totalSeconds < 60 : undefined;
    console.log(
      `${N} registrations completed in ${totalSeconds.toFixed(1)} s (${(N / totalSeconds).toFixed(1)}/s); target 1,000 in < 60 s: ${met === undefined ? 'n/a (fewer than 1,000)' : met ? 'met' : 'NOT met'}`,
    );
    console.log(`USCCs: ${distinct} distinct of ${rows.length}, ${invalid} invalid`);
    console.log(
      `each registration crosses Kafka 4 times in sequence (name-approved → licence-issued → 4 step requests → 4 step results); the raw single hop for ${N} messages took ${raw.seconds.toFixed(2)} s`,
    );
    if (distinct !== rows.length || invalid > 0) process.exitCode = 1;
  } finally {
    await pg.end().catch(() => undefined);
    await stopProcess(service);
    await issuer.close();
    await db.drop();
  }
  process.exit(process.exitCode ?? 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
