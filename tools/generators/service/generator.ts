import { generateFiles, logger, type Tree, visitNotIgnoredFiles } from '@nx/devkit';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { type ServiceGeneratorSchema, type ServiceNames, serviceNames, validateName } from './names';
import {
  addContractsExport,
  addGatewayUpstream,
  addTopic,
  addToCompose,
  addToDatabasesSql,
  addToGatewayConfigMap,
  addToInfraScript,
  addToKafkaTopics,
  addToKustomization,
  addToManifestsSpec,
  addToPostgresCluster,
  addToStartScript,
  existingTopicKey,
  portsOf,
} from './shared-files';

export type { ServiceGeneratorSchema } from './names';

/** The shared files the generator edits (tools/README.md). */
export const SHARED = {
  topics: 'libs/contracts/src/topics.ts',
  contractsIndex: 'libs/contracts/src/index.ts',
  gatewayConfig: 'apps/gateway/src/config.ts',
  startSh: 'deploy/local/start.sh',
  infraSh: 'deploy/local/infra.sh',
  databasesSql: 'deploy/postgres-init/01-databases.sql',
  compose: 'deploy/docker-compose.yml',
  kustomization: 'k8s/base/kustomization.yaml',
  gatewayConfigMap: 'k8s/base/gateway/configmap.yaml',
  postgresCluster: 'k8s/base/postgres/cluster.yaml',
  kafka: 'k8s/base/kafka/kafka.yaml',
  manifestsSpec: 'tools/manifests.spec.ts',
} as const;

const FILES = path.join(__dirname, 'files');

/**
 * `npx nx g @onewindow/tools:service <name>`: a new NestJS service with everything the existing ones
 * have (docs/conventions.md), its contract in libs/contracts, its route in the gateway and its entries in
 * every deployment. Shared files are edited only where the service is missing from them.
 */
export async function serviceGenerator(tree: Tree, options: ServiceGeneratorSchema): Promise<() => void> {
  const n = resolveNames(tree, options);
  const created: string[] = [];
  const track = (dir: string) => visitNotIgnoredFiles(tree, dir, (f) => void created.push(f));

  generateFiles(tree, path.join(FILES, 'app'), `apps/${n.name}`, templateVars(n));
  generateFiles(tree, path.join(FILES, 'contracts'), 'libs/contracts/src/events', templateVars(n));
  track(`apps/${n.name}`);
  created.push(`libs/contracts/src/events/${n.name}.ts`);
  const k8sDir = `k8s/base/${n.name}`;
  if (!tree.exists(k8sDir) || tree.children(k8sDir).length === 0)
    generateFiles(tree, path.join(FILES, 'k8s'), k8sDir, templateVars(n));

  const manual: string[] = [];
  const edited = new Map<string, string>();
  const edit = (file: string, change: (src: string) => string | null, what: string) => {
    const src = tree.read(file, 'utf-8');
    const out = src === null ? null : change(src);
    if (out === null) manual.push(`${file}: ${what}`);
    else if (out !== src) {
      if (!edited.has(file)) edited.set(file, src!);
      tree.write(file, out);
    }
  };
  edit(SHARED.topics, (s) => addTopic(s, n.topicKey, n.topic), `add ${n.topicKey}: '${n.topic}' to Topics`);
  edit(SHARED.contractsIndex, (s) => addContractsExport(s, n.name), `export * from './events/${n.name}'`);
  edit(
    gatewayConfigFile(tree),
    (s) => addGatewayUpstream(s, n.name, n.port),
    `add '${n.name}' (port ${n.port}) to the gateway's upstream services`,
  );
  edit(SHARED.startSh, (s) => addToStartScript(s, n.name, n.port), `start ${n.name} on port ${n.port}`);
  edit(SHARED.infraSh, (s) => addToInfraScript(s, n.database), `create the database ${n.database}`);
  edit(SHARED.databasesSql, (s) => addToDatabasesSql(s, n.database), `CREATE DATABASE ${n.database};`);
  edit(
    SHARED.compose,
    (s) => addToCompose(s, n),
    `the service ${n.name}, the gateway's OW_UPSTREAM_${n.envName} and its depends_on`,
  );
  edit(SHARED.kustomization, (s) => addToKustomization(s, n.name), `list ${n.name} in resources`);
  edit(SHARED.gatewayConfigMap, (s) => addToGatewayConfigMap(s, n), `OW_UPSTREAM_${n.envName}: http://${n.name}:3000`);
  edit(SHARED.postgresCluster, (s) => addToPostgresCluster(s, n), `a Database ${n.database}`);
  edit(SHARED.kafka, (s) => addToKafkaTopics(s, n.topic), `KafkaTopics ${n.topic} and ${n.topic}.dlq`);
  edit(SHARED.manifestsSpec, (s) => addToManifestsSpec(s, n.name), `add '${n.name}' to SERVICES`);

  if (!options.skipFormat) format(tree, created, edited);

  return () => {
    logger.info(
      `Service ${n.name}: apps/${n.name} (port ${n.port}, database ${n.database}, route /api/${n.name}, topic ${n.topic}).`,
    );
    logger.info(
      `Next: source .data/env && npx jest --runTestsByPath apps/${n.name}/test/${n.name}.int.spec.ts; npm start runs it.`,
    );
    if (manual.length) logger.warn(`Not found where expected, add by hand:\n  - ${manual.join('\n  - ')}`);
  };
}

export default serviceGenerator;

/** Checks the options against the workspace and derives every name (throws with the reason). */
export function resolveNames(tree: Tree, options: ServiceGeneratorSchema): ServiceNames {
  const name = validateName(options.name);
  if (tree.exists(`apps/${name}`)) throw new Error(`apps/${name} exists already: choose another name`);
  if (projectNames(tree).includes(name))
    throw new Error(`An Nx project is called ${name} already: choose another name`);
  if (tree.exists(`libs/contracts/src/events/${name}.ts`))
    throw new Error(`libs/contracts/src/events/${name}.ts exists already`);

  const ports = portsOf(tree.read(gatewayConfigFile(tree), 'utf-8'), tree.read(SHARED.startSh, 'utf-8'));
  if (options.port !== undefined) {
    if (!Number.isInteger(options.port) || options.port < 1024 || options.port > 65535)
      throw new Error(`--port must be an integer in 1024..65535: ${options.port}`);
    const taken = [...ports].find(([service, port]) => port === options.port && service !== name);
    if (taken) throw new Error(`Port ${options.port} is ${taken[0]}'s already`);
  }
  const port = options.port ?? ports.get(name) ?? Math.max(3000, ...[...ports.values()].filter((p) => p < 8000)) + 1;

  const n = serviceNames({ ...options, port });
  // A topic Topics lists already (a planned service) keeps its key.
  const topicKey = existingTopicKey(tree.read(SHARED.topics, 'utf-8') ?? '', n.topic) ?? n.topicKey;
  const taken = exportedNames(tree, 'libs/contracts/src').filter((x) => x === n.eventName || x === n.contractsName);
  if (taken.length)
    throw new Error(`libs/contracts exports ${taken.join(' and ')} already: choose another name or --aggregate`);
  return { ...n, topicKey };
}

/** The gateway's upstream list: apps/gateway/src/config.ts, or wherever `export const SERVICES = [` moved to. */
function gatewayConfigFile(tree: Tree): string {
  const declares = (f: string) => /export const SERVICES\s*=\s*\[/.test(tree.read(f, 'utf-8') ?? '');
  if (tree.exists(SHARED.gatewayConfig) && declares(SHARED.gatewayConfig)) return SHARED.gatewayConfig;
  let found: string = SHARED.gatewayConfig;
  if (tree.exists('apps/gateway/src')) {
    visitNotIgnoredFiles(tree, 'apps/gateway/src', (f) => {
      if (found === SHARED.gatewayConfig && f.endsWith('.ts') && !f.endsWith('.spec.ts') && declares(f)) found = f;
    });
  }
  return found;
}

/** The names in every project.json (the workspace's projects; none is inferred from package.json here). */
function projectNames(tree: Tree): string[] {
  const out: string[] = [];
  visitNotIgnoredFiles(tree, '', (f) => {
    if (path.basename(f) !== 'project.json' || f.includes('/files/')) return;
    try {
      const name = (JSON.parse(tree.read(f, 'utf-8') ?? '{}') as { name?: unknown }).name;
      if (typeof name === 'string') out.push(name);
    } catch {
      // not JSON: not a project Nx would read either
    }
  });
  return out;
}

function exportedNames(tree: Tree, dir: string): string[] {
  const out: string[] = [];
  if (!tree.exists(dir)) return out;
  visitNotIgnoredFiles(tree, dir, (f) => {
    if (f.endsWith('.ts'))
      for (const m of (tree.read(f, 'utf-8') ?? '').matchAll(/export const ([A-Za-z_$][\w$]*)/g)) out.push(m[1]);
  });
  return out;
}

function templateVars(n: ServiceNames) {
  /** A single-quoted TypeScript string literal. */
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return { ...n, q, tmpl: '' };
}

/** Formats files with Prettier in a child process (Prettier 3 loads its parsers by dynamic import, which jest's VM refuses). */
const PRETTIER = `
const prettier = require(process.env.OW_PRETTIER);
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', async () => {
  const { options, files } = JSON.parse(input);
  const out = [];
  for (const f of files) {
    const o = { ...options, filepath: f.path };
    out.push(f.before !== undefined && !(await prettier.check(f.before, o)) ? null : await prettier.format(f.content, o));
  }
  process.stdout.write(JSON.stringify(out));
});`;

/**
 * Formats with the workspace's Prettier settings the TypeScript and JSON files the generator created,
 * so a long name never leaves a line too long, and the shared TypeScript files it edited when they were
 * formatted before (one formatted the tree's way stays so; one that is not is left alone: reformatting
 * a file others are changing is not the generator's call). Without Prettier nothing is formatted.
 */
function format(tree: Tree, created: string[], edited: Map<string, string>): void {
  const config = tree.read('.prettierrc.json', 'utf-8');
  let prettierPath: string;
  try {
    prettierPath = require.resolve('prettier', { paths: [tree.root, __dirname] });
  } catch {
    return;
  }
  if (config === null) return;
  const files = [
    ...created
      .filter((f) => /\.(ts|json)$/.test(f) && tree.exists(f))
      .map((f) => ({ path: f, content: tree.read(f, 'utf-8')! })),
    ...[...edited]
      .filter(([f]) => f.endsWith('.ts'))
      .map(([f, before]) => ({ path: f, content: tree.read(f, 'utf-8')!, before })),
  ];
  const run = spawnSync(process.execPath, ['-e', PRETTIER], {
    input: JSON.stringify({ options: JSON.parse(config), files }),
    env: { ...process.env, OW_PRETTIER: prettierPath },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    logger.warn(`Prettier failed, the new files are left as generated: ${run.stderr || run.error?.message}`);
    return;
  }
  (JSON.parse(run.stdout) as (string | null)[]).forEach((out, i) => {
    if (out !== null) tree.write(files[i].path, out);
  });
}
