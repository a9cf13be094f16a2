// CPU share of each part of the stack (user + system time from /proc), for "where the CPU goes" beside
// a benchmark: run it in a second terminal while the phase of interest runs, e.g.
//   node -r @swc-node/register bench/cpu-share.ts 8 60     # an 8 s window, 60 s from now
// Prints each part's share of one core and the machine's busy share of all cores (Linux only).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const WINDOW_S = Number(process.argv[2] ?? 8);
const DELAY_S = Number(process.argv[3] ?? 0);
const TICKS_PER_S = 100; // USER_HZ on Linux

/** Which part of the stack a process is, from its command line (and OW_ROLE for intake). */
function partOf(pid: string): string | undefined {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const name = /\(([^)]*)\)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? '';
    if (name.startsWith('postgres') || cmd.includes('postgres')) return 'postgres';
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

async function main(): Promise<void> {
  await new Promise((r) => setTimeout(r, DELAY_S * 1000));
  const [a, ma] = [ticks(), machine()];
  await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
  const [b, mb] = [ticks(), machine()];
  const share = new Map<string, number>();
  for (const [pid, { part, t }] of b) share.set(part, (share.get(part) ?? 0) + t - (a.get(pid)?.t ?? t));
  const busy = 1 - (mb.idle - ma.idle) / (mb.total - ma.total);
  console.log(`${WINDOW_S} s window: machine ${(busy * 100).toFixed(0)}% busy (${cpus().length} cores)`);
  for (const [part, t] of [...share].sort((x, y) => y[1] - x[1])) console.log(`${((t / TICKS_PER_S / WINDOW_S) * 100).toFixed(0).padStart(5)}% of a core  ${part}`);
}

void main();
