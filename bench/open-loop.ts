// An open-loop load generator: requests start on a schedule fixed in advance, whether or not earlier
// ones have answered, and each latency is measured from the request's *scheduled* start, so a stall
// shows in the figures instead of quietly slowing the offered load (coordinated omission).
// The schedule is a Poisson process by default (independent applicants: exponential gaps, mean
// 1/rate, from a seeded generator so runs are comparable), or evenly spaced (OW_BENCH_ARRIVALS=uniform).
// Every request whose time has come is sent at once; one timer waits for the next.
// autocannon's per-connection rate fires all connections together, in bursts that a stream of
// applicants does not make; this is for the "sustain N/s with p99 < X" figures.
import { Pool, type Dispatcher } from 'undici';
import { percentile } from './report';

export interface OpenLoopResult {
  offered: number;
  perSec: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
}

/**
 * `warmupSeconds` at the same rate come first and are not counted: the client's and the gateway's
 * connection pools fill then (a steady stream of applicants does not open hundreds of connections
 * at once, and the first second of a fresh pool measured that, not the service).
 */
export async function openLoop(o: {
  url: string;
  rate: number;
  seconds: number;
  warmupSeconds?: number;
  maxInFlight?: number;
  arrivals?: 'poisson' | 'uniform';
  headers: () => Record<string, string>;
  body: string;
}): Promise<OpenLoopResult> {
  const u = new URL(o.url);
  const pool = new Pool(u.origin, { connections: o.maxInFlight ?? 256, pipelining: 1 });
  const latencies: number[] = [];
  const trace: [number, number][] = [];
  let ok = 0;
  let bad = 0;
  const warmup = Math.round(o.rate * (o.warmupSeconds ?? 2));
  const total = warmup + Math.round(o.rate * o.seconds);
  const offsets = schedule(
    total,
    o.rate,
    o.arrivals ?? (process.env.OW_BENCH_ARRIVALS === 'uniform' ? 'uniform' : 'poisson'),
  );
  const started = performance.now();
  let measuredFrom = started;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  for (let i = 0; i < total; i++) {
    const due = started + offsets[i];
    const counted = i >= warmup;
    if (i === warmup) measuredFrom = due;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // Sent up to 1 ms early (no timer for less): then timed from the send, never from before it.
    const from = Math.min(due, performance.now());
    inFlight++;
    send(pool, { method: 'POST', path: u.pathname, headers: o.headers(), body: o.body }, (status) => {
      inFlight--;
      if (counted) {
        if (status >= 200 && status < 300) ok++;
        else bad++;
        latencies.push(performance.now() - from);
        if (process.env.OW_BENCH_TRACE)
          trace.push([Math.round(due - measuredFrom), Math.round(performance.now() - from)]);
      }
      if (inFlight === 0) drained?.();
    });
  }
  if (inFlight > 0) await new Promise<void>((r) => (drained = r));
  const elapsed = (performance.now() - measuredFrom) / 1000;
  await pool.close();
  if (process.env.OW_BENCH_TRACE) {
    // Where the slow ones fall in the run: 100 ms buckets with their worst latency.
    const worst = new Map<number, number>();
    for (const [at, ms] of trace) worst.set(Math.floor(at / 100), Math.max(worst.get(Math.floor(at / 100)) ?? 0, ms));
    console.log(
      `slow buckets (offset ms from ${new Date(performance.timeOrigin + measuredFrom).toISOString()}: worst ms): ${[
        ...worst,
      ]
        .filter(([, ms]) => ms > 100)
        .map(([b, ms]) => `${b * 100}:${ms}`)
        .join(' ')}`,
    );
  }
  return {
    offered: o.rate,
    perSec: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok,
    bad,
  };
}

/** Start offsets (ms) of `n` requests at `rate`/s: evenly spaced, or a Poisson process (seeded). */
export function schedule(n: number, rate: number, arrivals: 'poisson' | 'uniform', seed = 20261123): number[] {
  const mean = 1000 / rate;
  if (arrivals === 'uniform') return Array.from({ length: n }, (_, i) => i * mean);
  // mulberry32: a small seeded generator, so two runs offer the same arrivals.
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    out.push(at);
    at += -Math.log(1 - random()) * mean;
  }
  return out;
}

/**
 * One request through undici's dispatch API: the status is all the generator needs, so the answer's
 * bytes are dropped as they come, without the response stream and promises of `pool.request` (the
 * generator shares the two cores with what it measures: every microsecond it spends is taken from them).
 * `done` gets the status, or 0 for a request that failed without one.
 */
function send(pool: Pool, opts: Dispatcher.DispatchOptions, done: (status: number) => void): void {
  let status = 0;
  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    done(status);
  };
  // undici's core dispatcher takes handlers of this (v6) shape; the v7 names exist only through interceptors.
  pool.dispatch(opts, {
    onConnect: () => undefined,
    onHeaders: (statusCode: number) => {
      status = statusCode;
      return true;
    },
    onData: () => true,
    onComplete: settle,
    onError: () => {
      status = 0;
      settle();
    },
  } as Dispatcher.DispatchHandler);
}
