import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Starts an app's real entry point (e.g. 'apps/gateway/src/main.ts') as its own Node process, as it
 * runs in production: own event loop, own core, killed and restarted like a pod.
 */
export function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  return fork(path.join(ROOT, entry), [], {
    cwd: ROOT,
    // OW_PROCESS_EXEC_ARGV (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the started services of a bench.
    execArgv: ['-r', '@swc-node/register', ...(process.env.OW_PROCESS_EXEC_ARGV?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, OW_LOG_LEVEL: process.env.OW_LOG_LEVEL ?? 'warn', ...env },
    // OW_PROCESS_STDOUT=inherit shows their standard output too (logs below warn, --trace-gc).
    stdio: ['ignore', process.env.OW_PROCESS_STDOUT === 'inherit' ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
}

export async function waitHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM (graceful shutdown), SIGKILL after 10 s. */
export async function stopProcess(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
    setTimeout(() => p.kill('SIGKILL'), 10_000).unref();
  });
}
