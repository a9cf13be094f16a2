import type { ServiceNames } from './names';

/*
 * The edits the generator makes to files every service shares. Each is a pure function of the file's
 * text: it returns the text unchanged when the service is there already (running the generator for a
 * service the deployment files already name, e.g. one of the planned ones, adds nothing twice), and
 * null when the place to edit is not found (the file was restructured): the generator then tells what
 * to add by hand instead of guessing.
 */

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quoted = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/** Inserts `insert` lines after line `index` (or at the end when index is the last line). */
function insertAfter(lines: string[], index: number, ...insert: string[]): string[] {
  return [...lines.slice(0, index + 1), ...insert, ...lines.slice(index + 1)];
}

function lastIndex<T>(items: T[], test: (item: T, i: number) => boolean, from = 0, to = items.length): number {
  for (let i = to - 1; i >= from; i--) if (test(items[i], i)) return i;
  return -1;
}

// ------------------------------------------------------------------------------------ libs/contracts

/** The key under which `Topics` (libs/contracts/src/topics.ts) lists `topic` already, if it does. */
export function existingTopicKey(topicsTs: string, topic: string): string | undefined {
  return new RegExp(`^\\s*([A-Za-z_$][\\w$]*)\\s*:\\s*['"]${escape(topic)}['"]`, 'm').exec(topicsTs)?.[1];
}

export function addTopic(src: string, key: string, topic: string): string | null {
  const m = /export const Topics = \{[\s\S]*?\n(\}\s*as const;)/.exec(src);
  if (!m) return null;
  if (existingTopicKey(src, topic) || new RegExp(`^\\s*${escape(key)}\\s*:`, 'm').test(m[0])) return src;
  const at = m.index + m[0].length - m[1].length;
  return `${src.slice(0, at)}  ${key}: '${topic}',\n${src.slice(at)}`;
}

export function addContractsExport(src: string, name: string): string {
  const line = `export * from './events/${name}';`;
  if (src.split('\n').some((l) => l.trim() === line)) return src;
  return `${src.replace(/\n*$/, '\n')}${line}\n`;
}

// ------------------------------------------------------------------------------------ gateway

/** SERVICES and DEFAULT_PORTS of the gateway's upstream configuration (apps/gateway/src/config.ts). */
export function addGatewayUpstream(src: string, name: string, port: number): string | null {
  const list = /(export const SERVICES\s*=\s*\[)([^\]]*)(\])/.exec(src);
  const ports = /(export const DEFAULT_PORTS[^=]*=\s*\{)([\s\S]*?)(\};)/.exec(src);
  if (!list || !ports) return null;
  let out = src;
  if (!new RegExp(`['"]${escape(name)}['"]`).test(list[2])) {
    const items = list[2].replace(/[\s,]*$/, '');
    out = out.replace(list[0], `${list[1]}${items}${items.trim() ? ', ' : ''}'${name}'${list[3]}`);
  }
  if (!new RegExp(`(^|[\\s{,])['"]?${escape(name)}['"]?\\s*:`).test(ports[2])) {
    const body = ports[2].replace(/\s*$/, '');
    const entries = body.trim() ? `${body}${body.endsWith(',') ? '' : ','}` : '';
    out = out.replace(ports[0], `${ports[1]}${entries}\n  ${quoted(name)}: ${port},\n${ports[3]}`);
  }
  return out;
}

/** Ports by service as the gateway's DEFAULT_PORTS and deploy/local/start.sh's PORTS name them. */
export function portsOf(gatewayConfig: string | null, startSh: string | null): Map<string, number> {
  const ports = new Map<string, number>();
  const block = gatewayConfig
    ? /export const DEFAULT_PORTS[^=]*=\s*\{([\s\S]*?)\};/.exec(gatewayConfig)?.[1]
    : undefined;
  for (const m of (block ?? '').matchAll(/['"]?([a-z][a-z0-9-]*)['"]?\s*:\s*(\d+)/g)) ports.set(m[1], Number(m[2]));
  const map = startSh ? /declare -A PORTS=\(([^)]*)\)/.exec(startSh)?.[1] : undefined;
  for (const m of (map ?? '').matchAll(/\[([a-z][a-z0-9-]*)\]=(\d+)/g)) ports.set(m[1], Number(m[2]));
  return ports;
}

// ------------------------------------------------------------------------------------ deploy/

/** deploy/local/start.sh: the port map and the list of services started before the gateway. */
export function addToStartScript(src: string, name: string, port: number): string | null {
  const map = /declare -A PORTS=\(([^)]*)\)/.exec(src);
  const loop = /^for app in ([a-z0-9 -]+); do$/m.exec(src);
  if (!map || !loop) return null;
  let out = src;
  if (!new RegExp(`\\[${escape(name)}\\]=`).test(map[1]))
    out = out.replace(map[0], `declare -A PORTS=(${map[1].trimEnd()} [${name}]=${port})`);
  if (!loop[1].split(/\s+/).includes(name)) out = out.replace(loop[0], `for app in ${loop[1].trimEnd()} ${name}; do`);
  return out;
}

/** deploy/local/infra.sh: the databases `up` creates. */
export function addToInfraScript(src: string, database: string): string | null {
  const m = /^DATABASES="([^"]*)"/m.exec(src);
  if (!m) return null;
  const dbs = m[1].split(/\s+/).filter(Boolean);
  if (dbs.includes(database)) return src;
  const at = dbs.indexOf('ow_test');
  dbs.splice(at < 0 ? dbs.length : at, 0, database);
  return src.replace(m[0], `DATABASES="${dbs.join(' ')}"`);
}

/** deploy/postgres-init/01-databases.sql (Docker Compose's first start). */
export function addToDatabasesSql(src: string, database: string): string {
  if (new RegExp(`CREATE DATABASE ${escape(database)}\\b`, 'i').test(src)) return src;
  const lines = src.replace(/\n*$/, '').split('\n');
  const last = lastIndex(lines, (l) => /^CREATE DATABASE /i.test(l));
  return insertAfter(lines, last < 0 ? lines.length - 1 : last, `CREATE DATABASE ${database};`).join('\n') + '\n';
}

/**
 * deploy/docker-compose.yml, edited as text so its comments and anchors stay: the service (from the
 * shared `*app` fragments), the gateway's OW_UPSTREAM_<SERVICE> and its wait for the service.
 */
export function addToCompose(src: string, n: Pick<ServiceNames, 'name' | 'envName' | 'database'>): string | null {
  if (!['&app', '&service-env', '&infra-ready'].every((anchor) => src.includes(anchor))) return null;
  let lines = src.split('\n');
  const servicesAt = lines.findIndex((l) => /^services:\s*$/.test(l));
  if (servicesAt < 0) return null;
  const endOfServices = (): number => {
    const i = lines.findIndex((l, j) => j > servicesAt && /^[^\s#]/.test(l));
    return i < 0 ? lines.length : i;
  };
  const blockOf = (service: string): [number, number] | undefined => {
    const start = lines.findIndex((l, j) => j > servicesAt && j < endOfServices() && l.trimEnd() === `  ${service}:`);
    if (start < 0) return undefined;
    const next = lines.findIndex((l, j) => j > start && /^ {0,2}\S/.test(l));
    return [start, next < 0 ? lines.length : next];
  };

  const gateway = blockOf('gateway');
  if (!gateway) return null;
  const upstream = `OW_UPSTREAM_${n.envName}:`;
  if (!lines.slice(...gateway).some((l) => l.trim().startsWith(upstream))) {
    const last = lastIndex(lines, (l) => /^ {6}OW_UPSTREAM_[A-Z0-9_]+:/.test(l), ...gateway);
    if (last < 0) return null;
    lines = insertAfter(lines, last, `      ${upstream} http://${n.name}:3000`);
  }
  const gw = blockOf('gateway')!;
  const dependsAt = lines.findIndex((l, j) => j > gw[0] && j < gw[1] && /^ {4}depends_on:\s*$/.test(l));
  if (dependsAt < 0) return null;
  let dependsEnd = dependsAt + 1;
  while (dependsEnd < gw[1] && /^ {6}/.test(lines[dependsEnd])) dependsEnd++;
  if (!lines.slice(dependsAt, dependsEnd).some((l) => l.trimEnd() === `      ${n.name}:`)) {
    lines = insertAfter(lines, dependsEnd - 1, `      ${n.name}:`, '        condition: service_healthy');
  }

  if (!blockOf(n.name)) {
    let at = endOfServices();
    while (at > servicesAt + 1 && lines[at - 1].trim() === '') at--;
    const block = [
      '',
      `  ${n.name}:`,
      '    <<: *app',
      '    environment:',
      '      <<: *service-env',
      `      OW_APP: ${n.name}`,
      `      OW_PG_DATABASE: ${n.database}`,
      '    depends_on: *infra-ready',
    ];
    lines = [...lines.slice(0, at), ...block, ...lines.slice(at)];
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------ k8s/

/** k8s/base/kustomization.yaml: the service's folder among the resources. */
export function addToKustomization(src: string, name: string): string | null {
  const lines = src.split('\n');
  const at = lines.findIndex((l) => /^resources:\s*$/.test(l));
  if (at < 0) return null;
  let end = at + 1;
  while (end < lines.length && (/^\s+(-|#)/.test(lines[end]) || lines[end].trim() === '')) end++;
  if (lines.slice(at, end).some((l) => l.trim() === `- ${name}`)) return src;
  const last = lastIndex(lines, (l) => /^\s+- /.test(l), at + 1, end);
  if (last < 0) return null;
  const indent = /^(\s+)- /.exec(lines[last])![1];
  return insertAfter(lines, last, `${indent}- ${name}`).join('\n');
}

/** k8s/base/gateway/configmap.yaml: where the gateway finds the service in the cluster. */
export function addToGatewayConfigMap(src: string, n: Pick<ServiceNames, 'name' | 'envName'>): string | null {
  const key = `OW_UPSTREAM_${n.envName}:`;
  if (src.split('\n').some((l) => l.trim().startsWith(key))) return src;
  const lines = src.split('\n');
  const last = lastIndex(lines, (l) => /^\s+OW_UPSTREAM_[A-Z0-9_]+:/.test(l));
  if (last < 0) return null;
  const indent = /^(\s+)/.exec(lines[last])![1];
  return insertAfter(lines, last, `${indent}${key} http://${n.name}:3000`).join('\n');
}

/** k8s/base/postgres/cluster.yaml: the service's database, reconciled by CloudNativePG. */
export function addToPostgresCluster(src: string, n: Pick<ServiceNames, 'name' | 'database'>): string {
  if (new RegExp(`^\\s*name:\\s*${escape(n.database)}\\s*$`, 'm').test(src)) return src;
  const doc = [
    '---',
    'apiVersion: postgresql.cnpg.io/v1',
    'kind: Database',
    'metadata:',
    `  name: ow-${n.name}`,
    'spec:',
    `  name: ${n.database}`,
    '  owner: onewindow',
    '  cluster:',
    '    name: onewindow-pg',
    '  ensure: present',
    '  databaseReclaimPolicy: retain',
  ];
  return `${src.replace(/\n*$/, '\n')}${doc.join('\n')}\n`;
}

/** k8s/base/kafka/kafka.yaml: the service's stream and its dead-letter topic (same settings as the others). */
export function addToKafkaTopics(src: string, topic: string): string {
  if (new RegExp(`topicName:\\s*${escape(topic)}\\s*$`, 'm').test(src)) return src;
  const doc = (name: string, partitions: number, retention: string, comment: string) => [
    '---',
    'apiVersion: kafka.strimzi.io/v1beta2',
    'kind: KafkaTopic',
    'metadata:',
    `  name: ${name.replace(/\./g, '-')}`,
    '  labels:',
    '    strimzi.io/cluster: onewindow',
    'spec:',
    `  topicName: ${name}`,
    `  partitions: ${partitions}`,
    '  replicas: 3',
    '  config:',
    `    retention.ms: ${retention.padEnd(23)}# ${comment}`,
    '    cleanup.policy: delete',
    '    min.insync.replicas: 2',
  ];
  return `${src.replace(/\n*$/, '\n')}${[...doc(topic, 6, '604800000', '7 days'), ...doc(`${topic}.dlq`, 3, '2592000000', '30 days')].join('\n')}\n`;
}

// ------------------------------------------------------------------------------------ tools/

/**
 * tools/manifests.spec.ts lists the deployables it checks the manifests of; the new one joins them. A
 * spec without that list (one that finds the services itself) needs nothing.
 */
export function addToManifestsSpec(src: string, name: string): string {
  const m = /(const SERVICES\s*=\s*\[)([^\]]*)(\];)/.exec(src);
  if (!m || new RegExp(`['"]${escape(name)}['"]`).test(m[2])) return src;
  return src.replace(m[0], `${m[1]}${m[2].replace(/[\s,]*$/, '')}, '${name}'${m[3]}`);
}
