import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * The generator end to end, on a copy of the workspace (the files git lists, tracked and new, with a
 * symlink to node_modules; never .data): `nx g @onewindow/tools:service` as a developer runs it, then
 * in that copy the type check, lint and Prettier of what it made, and the generated service's own
 * integration test on the real Postgres and Kafka beside tools/manifests.spec.ts. The copy is removed
 * afterwards.
 *
 * OW_GENERATOR_TEST_BASE=<git ref> (e.g. HEAD) takes the tracked files from that commit instead of the
 * working tree, with the generator's own files (tools/, package.json, package-lock.json, nx.json,
 * tsconfig.base.json) from the working tree on top: for when others' unfinished changes elsewhere do not
 * compile yet.
 */
const ROOT = path.resolve(__dirname, '../../..');
const NAME = 'probe-archive';
const OWN = ['tools/', 'package.json', 'package-lock.json', 'nx.json', 'tsconfig.base.json'];

/** The connection variables of the running infrastructure (`source .data/env`), unless set already. */
function infraEnv(): Record<string, string> {
  const file = path.join(ROOT, '.data', 'env');
  if (process.env.OW_PG_HOST || !fs.existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/^export ([A-Z_][A-Z0-9_]*)=(.*)$/gm))
    out[m[1]] = m[2].replace(/^['"]|['"]$/g, '');
  return out;
}

function copyWorkspace(to: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const listed = git('ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const base = process.env.OW_GENERATOR_TEST_BASE;
  if (base) execFileSync('tar', ['-x', '-C', to], { input: git('archive', '--format=tar', base) });
  for (const file of listed) {
    if (file.startsWith('.data/') || file.startsWith('node_modules/')) continue;
    if (base && !OWN.some((own) => (own.endsWith('/') ? file.startsWith(own) : file === own))) continue;
    const from = path.join(ROOT, file);
    // Deleted in the working tree but still in the index: not part of the workspace as it stands.
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(to, 'node_modules'), 'dir');
}

describe('nx g @onewindow/tools:service on a copy of the workspace', () => {
  let dir: string;
  const started = Date.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...infraEnv(),
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: 'true',
    FORCE_COLOR: '0',
  };
  delete env.JEST_WORKER_ID;

  /** Runs a command in the copy; on failure the assertion shows the end of its output. */
  const run = (cmd: string, args: string[], timeoutMs = 150_000) => {
    const r = spawnSync(cmd, args, {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `$ ${cmd} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
    return { status: r.status, output, tail: output.split('\n').slice(-80).join('\n') };
  };
  const expectSuccess = (r: { status: number | null; tail: string }) =>
    expect(r.status === 0 ? 'exit 0' : `exit ${r.status}\n${r.tail}`).toBe('exit 0');

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-generator-'));
    copyWorkspace(dir);
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    console.log(`generator integration test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('generates the service and its entries in the shared files', () => {
    const r = run('npx', ['nx', 'g', '@onewindow/tools:service', NAME, '--no-interactive']);
    expectSuccess(r);
    expect(r.output).toContain(`CREATE apps/${NAME}/test/${NAME}.int.spec.ts`);
    expect(r.output).toContain(`CREATE libs/contracts/src/events/${NAME}.ts`);
    expect(r.output).not.toContain('add by hand');
    expect(fs.existsSync(path.join(dir, `k8s/base/${NAME}/deployment.yaml`))).toBe(true);
  }, 120_000);

  it('the copy type-checks', () => {
    expectSuccess(run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']));
  }, 180_000);

  it('what it made is linted and formatted', () => {
    const made = [`apps/${NAME}`, `libs/contracts/src/events/${NAME}.ts`];
    expectSuccess(run('npx', ['eslint', ...made]));
    expectSuccess(
      run('npx', ['prettier', '--check', ...made.map((m) => (m.endsWith('.ts') ? m : `${m}/**/*.{ts,json}`))]),
    );
  }, 120_000);

  it("the new service's integration test passes on the real Postgres and Kafka, and so do the manifest checks", () => {
    const r = run('npx', [
      'jest',
      '--ci',
      '--runTestsByPath',
      `apps/${NAME}/test/${NAME}.int.spec.ts`,
      'tools/manifests.spec.ts',
    ]);
    expectSuccess(r);
    expect(r.output).toContain(`PASS integration apps/${NAME}/test/${NAME}.int.spec.ts`);
    expect(r.output).toContain('PASS unit tools/manifests.spec.ts');
    expect(r.output).toMatch(/Tests: +\d+ passed, \d+ total/);
  }, 180_000);
});
