import cluster from 'node:cluster';

/**
 * Runs `main` in OW_WORKERS processes sharing one port (default 1: just runs it). Each worker is a
 * full replica, which the platform is built for: one outbox relay publishes (advisory-lock leader),
 * consumers share their group's partitions, scheduled jobs take advisory locks. In Kubernetes prefer
 * pods (replicas); workers use a machine's cores where the service runs as one process.
 */
export function runWorkers(main: () => Promise<void>, workers = Number(process.env.OW_WORKERS ?? 1)): void {
  if (workers <= 1 || !cluster.isPrimary) {
    void main();
    return;
  }
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
