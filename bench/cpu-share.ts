// CPU share of each part of the stack (user + system time from /proc), for "where the CPU goes" beside
// a benchmark: run it in a second terminal while the phase of interest runs, e.g.
//   node -r @swc-node/register bench/cpu-share.ts 8 60     # an 8 s window, 60 s from now
//   node -r @swc-node/register bench/cpu-share.ts 2 loop   # a line every 2 s until stopped, to find the phases
// Prints each part's share of one core and the machine's busy share of all cores (Linux only).
// OW_CPU_SPLIT_PG=1 splits Postgres into its backends per database and its background processes.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const WINDOW_S = Number(process.argv[2] ?? 8);
const LOOP = process.argv[3] === 'loop';
const DELAY_S = LOOP ? 0 : Number(process.argv[3] ?? 0);
const SPLIT_PG = process.env.OW_CPU_SPLIT_PG === '1';
const TICKS_PER_S = 100; // USER_HZ on Linux

/** Which part of the stack a process is, from its command line (and OW_ROLE for intake). */
function partOf(pid: string): string | undefined {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const name = /\(([^)]*)\)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? '';
    if (name.startsWith('postgres') || cmd.includes('postgres')) return SPLIT_PG ? postgresPart(cmd) : 'postgres';
    if (name === 'java' && cmd.includes('kafka')) return 'kafka';
    if (cmd.includes('apps/gateway/')) return 'gateway';
    if (cmd.includes('apps/intake/')) {
      const role = /(?:^|\0)OW_ROLE=([^\0]*)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1] ?? 'all';
      return `intake (${role})`;
    }
    if (cmd.includes('apps/')) return cmd.match(/apps\/([^/]+)\//)![1];
    if (cmd.includes('bench/bare-insert')) return 'bare handler';
    if (cmd.includes('bench/') && !cmd.includes('bench/cpu-share')) return 'load generator';
    return undefined;
  } catch {
    return undefined; // gone, or not ours to read
  }
}

/** A Postgres process by its title: a backend by database (test and bench databases by prefix), or its background role. */
function postgresPart(cmd: string): string {
  const m =
    /postgres: (autovacuum \w+|walwriter|checkpointer|background writer|logical replication \w+|\S+ (\w+?)(?:_[0-9a-f]{8})? )/.exec(
      cmd,
    );
  return `postgres ${m ? (m[2] ?? m[1]) : '(postmaster)'}`;
}

function ticks(): Map<string, { part: string; t: number }> {
  const out = new Map<string, { part: string; t: number }>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const part = partOf(pid);
    if (!part) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, { part, t: Number(f[11]) + Number(f[12]) }); // utime + stime
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

function machine(): { total: number; idle: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: f.reduce((a, b) => a + b, 0), idle: f[3] + f[4] };
}

/** Each part's share of one core between two readings, largest first, and the machine's busy share. */
function shares(
  a: ReturnType<typeof ticks>,
  b: ReturnType<typeof ticks>,
  ma: ReturnType<typeof machine>,
  mb: ReturnType<typeof machine>,
  seconds: number,
) {
  const share = new Map<string, number>();
  for (const [pid, { part, t }] of b) share.set(part, (share.get(part) ?? 0) + t - (a.get(pid)?.t ?? t));
  const parts = [...share]
    .sort((x, y) => y[1] - x[1])
    .map(([part, t]) => ({ part, percent: Math.round((t / TICKS_PER_S / seconds) * 100) }));
  return { busy: Math.round((1 - (mb.idle - ma.idle) / (mb.total - ma.total)) * 100), parts };
}

async function main(): Promise<void> {
  await new Promise((r) => setTimeout(r, DELAY_S * 1000));
  let [a, ma] = [ticks(), machine()];
  do {
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    const [b, mb] = [ticks(), machine()];
    const { busy, parts } = shares(a, b, ma, mb, WINDOW_S);
    if (LOOP) {
      console.log(
        `${new Date().toISOString().slice(11, 19)} busy ${busy}%  ${parts
          .filter((p) => p.percent > 0)
          .map((p) => `${p.part} ${p.percent}`)
          .join(', ')}`,
      );
    } else {
      console.log(`${WINDOW_S} s window: machine ${busy}% busy (${cpus().length} cores)`);
      for (const p of parts) console.log(`${String(p.percent).padStart(5)}% of a core  ${p.part}`);
    }
    [a, ma] = [b, mb];
  } while (LOOP);
}

void main();
