/**
 * Static checks of the deployment manifests: everything under k8s/ (kustomize) and
 * deploy/docker-compose.yml. Reads and parses files only: no cluster, no Docker. When `kubectl` is on the
 * PATH it also renders every kustomization offline (`kubectl kustomize`) and checks the output; without
 * it those tests show as skipped.
 *
 *   npx jest --selectProjects unit tools/manifests.spec.ts
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

const ROOT = path.resolve(__dirname, '..');
const K8S = path.join(ROOT, 'k8s');
const BASE = path.join(K8S, 'base');
const OVERLAYS = path.join(K8S, 'overlays');
const COMPOSE = path.join(ROOT, 'deploy', 'docker-compose.yml');
const PG_INIT_SQL = path.join(ROOT, 'deploy', 'postgres-init', '01-databases.sql');
const APPS = path.join(ROOT, 'apps');
const SECRETS_EXAMPLE = path.join(BASE, 'secrets.example.yaml');
const NAMESPACE = 'onewindow';

/** The deployables named by the architecture; each must have a folder under k8s/base. */
const SERVICES = ['gateway', 'intake', 'registration', 'project-review', 'trading', 'enforcement', 'oversight'];
const SERVICE_FILES = [
  'kustomization.yaml',
  'deployment.yaml',
  'service.yaml',
  'hpa.yaml',
  'pdb.yaml',
  'configmap.yaml',
];
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const dbName = (service: string): string => 'ow_' + service.replace(/-/g, '_');

// ------------------------------------------------------------------------------------------ helpers
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Safe nested access: at(doc, 'spec', 'template', 'spec', 'containers', 0). */
function at(v: unknown, ...keys: Array<string | number>): unknown {
  let cur: unknown = v;
  for (const k of keys) {
    if (typeof k === 'number' && Array.isArray(cur)) cur = cur[k];
    else if (typeof k === 'string' && isObj(cur)) cur = cur[k];
    else return undefined;
  }
  return cur;
}
const rel = (p: string): string => path.relative(ROOT, p);
const isKustomization = (p: string): boolean => KUSTOMIZATION_FILES.includes(path.basename(p));

function walkYaml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkYaml(p));
    else if (/\.ya?ml$/.test(entry.name) || entry.name === 'Kustomization') out.push(p);
  }
  return out;
}

interface ParsedFile {
  file: string;
  docs: unknown[];
  error?: string;
}
function parseFile(file: string): ParsedFile {
  try {
    const docs = yaml.loadAll(fs.readFileSync(file, 'utf8'), undefined, { filename: file });
    return { file, docs: docs.filter((d) => d !== null && d !== undefined) };
  } catch (e) {
    return { file, docs: [], error: e instanceof Error ? e.message : String(e) };
  }
}

interface K8sDoc {
  file: string;
  kind: string;
  name: string;
  doc: Obj;
}
function k8sDocsOf(files: ParsedFile[]): K8sDoc[] {
  return files.flatMap((f) =>
    f.docs
      .filter(isObj)
      .map((doc) => ({ file: f.file, kind: str(doc.kind) ?? '', name: str(at(doc, 'metadata', 'name')) ?? '', doc })),
  );
}

/** Every local path a kustomization refers to, resolved, with how it is used. */
interface KRef {
  from: string;
  field: string;
  ref: string;
  abs: string;
  use: 'resource' | 'file';
}
function kustomizationRefs(file: string, doc: Obj): KRef[] {
  const dir = path.dirname(file);
  const refs: KRef[] = [];
  const add = (field: string, ref: unknown, use: KRef['use']): void => {
    const r = str(ref);
    if (!r || r.includes('\n')) return; // inline patch, not a path
    if (/^[a-z]+:\/\//i.test(r) || r.startsWith('github.com/') || r.includes('?ref=')) return; // remote base
    refs.push({ from: file, field, ref: r, abs: path.resolve(dir, r), use });
  };
  for (const r of arr(doc.resources)) add('resources', r, 'resource');
  for (const r of arr(doc.components)) add('components', r, 'resource');
  for (const r of arr(doc.bases)) add('bases', r, 'resource');
  for (const r of arr(doc.crds)) add('crds', r, 'file');
  for (const p of arr(doc.patches)) add('patches', at(p, 'path'), 'file');
  for (const p of arr(doc.patchesStrategicMerge)) add('patchesStrategicMerge', p, 'file');
  for (const p of arr(doc.patchesJson6902)) add('patchesJson6902', at(p, 'path'), 'file');
  for (const p of arr(doc.replacements)) add('replacements', at(p, 'path'), 'file');
  for (const gen of [...arr(doc.configMapGenerator), ...arr(doc.secretGenerator)]) {
    for (const f of arr(at(gen, 'files'))) add('generator files', str(f)?.split('=').pop(), 'file');
    for (const f of arr(at(gen, 'envs'))) add('generator envs', f, 'file');
    add('generator env', at(gen, 'env'), 'file');
  }
  return refs;
}

// ------------------------------------------------------------------------------------------ load once
const k8sFiles = walkYaml(K8S).map(parseFile);
const k8sDocs = k8sDocsOf(k8sFiles);
const kustomizations = k8sFiles.filter((f) => isKustomization(f.file));
const allRefs = kustomizations.flatMap((k) => (isObj(k.docs[0]) ? kustomizationRefs(k.file, k.docs[0]) : []));
const RESOURCE_FIELDS = new Set(['resources', 'components', 'bases', 'crds']);
/** Files that kustomize loads as whole objects (as opposed to patches). */
const resourceFiles = new Set(
  allRefs
    .filter((r) => RESOURCE_FIELDS.has(r.field) && fs.existsSync(r.abs) && fs.statSync(r.abs).isFile())
    .map((r) => r.abs),
);
const patchFiles = new Set(allRefs.filter((r) => !RESOURCE_FIELDS.has(r.field)).map((r) => r.abs));
/** Complete objects in the base and every overlay (patch documents excluded: they are partial by design). */
const fullDocs = k8sDocs.filter((d) => resourceFiles.has(d.file));
const baseDocs = fullDocs.filter((d) => d.file.startsWith(BASE + path.sep));
const find = (docs: K8sDoc[], kind: string, name: string): K8sDoc | undefined =>
  docs.find((d) => d.kind === kind && d.name === name);

// ------------------------------------------------------------------------------------------ rule sets
/** Everything required of a Deployment's pod template; returns human-readable problems. */
function deploymentProblems(d: K8sDoc): string[] {
  const where = `${rel(d.file)} Deployment/${d.name}`;
  const problems: string[] = [];
  const pod = at(d.doc, 'spec', 'template', 'spec');
  const containers = arr(at(pod, 'containers'));
  if (containers.length === 0) problems.push(`${where}: no containers`);
  if (at(pod, 'terminationGracePeriodSeconds') !== 30)
    problems.push(`${where}: terminationGracePeriodSeconds must be 30`);
  if (arr(at(pod, 'topologySpreadConstraints')).length === 0) problems.push(`${where}: no topologySpreadConstraints`);
  if (at(d.doc, 'spec', 'replicas') !== undefined)
    problems.push(`${where}: sets spec.replicas, but the HPA owns the replica count`);
  const podNonRoot = at(pod, 'securityContext', 'runAsNonRoot') === true;
  const volumes = arr(at(pod, 'volumes'));
  for (const c of containers) {
    const cw = `${where} container ${str(at(c, 'name')) ?? '?'}`;
    if (!isObj(at(c, 'readinessProbe'))) problems.push(`${cw}: no readinessProbe`);
    else if (at(c, 'readinessProbe', 'httpGet', 'path') !== '/health/ready')
      problems.push(`${cw}: readinessProbe must GET /health/ready`);
    if (!isObj(at(c, 'livenessProbe'))) problems.push(`${cw}: no livenessProbe`);
    else if (at(c, 'livenessProbe', 'httpGet', 'path') !== '/health/live')
      problems.push(`${cw}: livenessProbe must GET /health/live`);
    if (!isObj(at(c, 'startupProbe'))) problems.push(`${cw}: no startupProbe`);
    for (const kind of ['requests', 'limits']) {
      for (const res of ['cpu', 'memory']) {
        const v = at(c, 'resources', kind, res);
        if (v === undefined || v === null || v === '') problems.push(`${cw}: no resources.${kind}.${res}`);
      }
    }
    const sc = at(c, 'securityContext');
    if (at(sc, 'allowPrivilegeEscalation') !== false) problems.push(`${cw}: allowPrivilegeEscalation must be false`);
    if (at(sc, 'readOnlyRootFilesystem') !== true) problems.push(`${cw}: readOnlyRootFilesystem must be true`);
    if (!arr(at(sc, 'capabilities', 'drop')).includes('ALL')) problems.push(`${cw}: capabilities must drop ALL`);
    if (!podNonRoot && at(sc, 'runAsNonRoot') !== true) problems.push(`${cw}: runAsNonRoot must be true`);
    const tmp = arr(at(c, 'volumeMounts')).find((m) => at(m, 'mountPath') === '/tmp');
    const tmpVolume = tmp && volumes.find((v) => at(v, 'name') === at(tmp, 'name'));
    if (!tmpVolume || !isObj(at(tmpVolume, 'emptyDir')))
      problems.push(`${cw}: /tmp must be an emptyDir (root filesystem is read-only)`);
    if (!isObj(at(c, 'lifecycle', 'preStop')))
      problems.push(`${cw}: no preStop hook (endpoints must drain before SIGTERM)`);
    const pw = arr(at(c, 'env')).find((e) => at(e, 'name') === 'OW_PG_PASSWORD');
    if (!pw || !str(at(pw, 'valueFrom', 'secretKeyRef', 'name')))
      problems.push(`${cw}: OW_PG_PASSWORD must come from a Secret (secretKeyRef)`);
    if (!arr(at(c, 'envFrom')).some((e) => str(at(e, 'configMapRef', 'name'))))
      problems.push(`${cw}: no envFrom configMapRef`);
  }
  return problems;
}

/** A service may add a worker Deployment `<service>-worker` (ADR 0018: OW_ROLE=worker, no traffic). */
const isWorker = (d: K8sDoc): boolean =>
  at(d.doc, 'spec', 'template', 'metadata', 'labels', 'app.kubernetes.io/component') === 'worker';

const matches = (selector: unknown, labels: unknown): boolean =>
  isObj(selector) &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => at(labels, k) === v);

/** A Deployment's companions, by name, in the same set of documents. */
function companionProblems(d: K8sDoc, docs: K8sDoc[], expect = { service: true }): string[] {
  const where = `Deployment/${d.name}`;
  const problems: string[] = [];
  const podLabels = at(d.doc, 'spec', 'template', 'metadata', 'labels');
  if (!matches(at(d.doc, 'spec', 'selector', 'matchLabels'), podLabels))
    problems.push(`${where}: selector does not match its pod labels`);

  const svc = find(docs, 'Service', d.name);
  if (!svc) {
    if (expect.service) problems.push(`${where}: no Service named ${d.name}`);
  } else {
    if (!matches(at(svc.doc, 'spec', 'selector'), podLabels))
      problems.push(`Service/${d.name}: selector does not match the pods`);
    const ports = arr(at(d.doc, 'spec', 'template', 'spec', 'containers')).flatMap((c) => arr(at(c, 'ports')));
    for (const p of arr(at(svc.doc, 'spec', 'ports'))) {
      const target = at(p, 'targetPort') ?? at(p, 'port');
      if (!ports.some((cp) => at(cp, 'name') === target || at(cp, 'containerPort') === target)) {
        problems.push(`Service/${d.name}: targetPort ${String(target)} is not a container port`);
      }
    }
  }

  const hpa = find(docs, 'HorizontalPodAutoscaler', d.name);
  if (!hpa) problems.push(`${where}: no HorizontalPodAutoscaler named ${d.name}`);
  else {
    if (hpa.doc.apiVersion !== 'autoscaling/v2') problems.push(`HPA/${d.name}: apiVersion must be autoscaling/v2`);
    if (
      at(hpa.doc, 'spec', 'scaleTargetRef', 'kind') !== 'Deployment' ||
      at(hpa.doc, 'spec', 'scaleTargetRef', 'name') !== d.name
    ) {
      problems.push(`HPA/${d.name}: scaleTargetRef must be Deployment/${d.name}`);
    }
    const cpu = arr(at(hpa.doc, 'spec', 'metrics')).find((m) => at(m, 'resource', 'name') === 'cpu');
    if (at(cpu, 'resource', 'target', 'averageUtilization') !== 70)
      problems.push(`HPA/${d.name}: CPU target must be 70%`);
    const min = at(hpa.doc, 'spec', 'minReplicas');
    // With minAvailable 1 and a single replica, the PDB would block every node drain.
    if (typeof min !== 'number' || min < 2)
      problems.push(`HPA/${d.name}: minReplicas must be >= 2 (PDB minAvailable 1)`);
  }

  const pdb = find(docs, 'PodDisruptionBudget', d.name);
  if (!pdb) problems.push(`${where}: no PodDisruptionBudget named ${d.name}`);
  else {
    if (pdb.doc.apiVersion !== 'policy/v1') problems.push(`PDB/${d.name}: apiVersion must be policy/v1`);
    if (at(pdb.doc, 'spec', 'minAvailable') !== 1) problems.push(`PDB/${d.name}: minAvailable must be 1`);
    if (!matches(at(pdb.doc, 'spec', 'selector', 'matchLabels'), podLabels))
      problems.push(`PDB/${d.name}: selector does not match the pods`);
  }

  for (const c of arr(at(d.doc, 'spec', 'template', 'spec', 'containers'))) {
    for (const e of arr(at(c, 'envFrom'))) {
      const cm = str(at(e, 'configMapRef', 'name'));
      if (cm && !find(docs, 'ConfigMap', cm)) problems.push(`${where}: ConfigMap ${cm} does not exist`);
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------------ tests
describe('manifests: YAML', () => {
  it('finds the manifests', () => {
    expect(k8sFiles.length).toBeGreaterThan(10);
    expect(fs.existsSync(COMPOSE)).toBe(true);
  });

  for (const f of [...k8sFiles, parseFile(COMPOSE)]) {
    it(`parses ${rel(f.file)}`, () => {
      expect(f.error).toBeUndefined();
      expect(f.docs.length).toBeGreaterThan(0);
      expect(f.docs.every(isObj)).toBe(true);
    });
  }

  it('every k8s document has apiVersion and kind', () => {
    const missing = k8sDocs
      .filter((d) => !str(d.doc.apiVersion) || !d.kind)
      .map((d) => `${rel(d.file)} (${d.name || 'unnamed'})`);
    expect(missing).toEqual([]);
  });
});

describe('manifests: kustomize structure', () => {
  it('every path a kustomization.yaml lists exists (directories must hold a kustomization)', () => {
    expect(kustomizations.length).toBeGreaterThan(SERVICES.length);
    const problems: string[] = [];
    for (const r of allRefs) {
      const what = `${rel(r.from)} ${r.field}: ${r.ref}`;
      if (!fs.existsSync(r.abs)) problems.push(`${what} does not exist`);
      else if (fs.statSync(r.abs).isDirectory()) {
        if (r.use === 'file') problems.push(`${what} is a directory, a file is expected`);
        else if (!KUSTOMIZATION_FILES.some((k) => fs.existsSync(path.join(r.abs, k))))
          problems.push(`${what} is a directory without a kustomization`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('no YAML file under k8s/ is forgotten: each is a kustomization, listed by one, or the secrets example', () => {
    const listed = new Set(allRefs.map((r) => r.abs));
    const orphans = k8sFiles
      .map((f) => f.file)
      .filter((f) => !isKustomization(f) && f !== SECRETS_EXAMPLE && !listed.has(f));
    expect(orphans.map(rel)).toEqual([]);
  });

  it('secrets stay out of git: the example is never applied and no applied file holds a Secret', () => {
    expect(fs.existsSync(SECRETS_EXAMPLE)).toBe(true);
    const example = k8sDocs.filter((d) => d.file === SECRETS_EXAMPLE);
    expect(example.length).toBeGreaterThan(0);
    expect(example.every((d) => d.kind === 'Secret')).toBe(true);
    expect(allRefs.filter((r) => r.abs === SECRETS_EXAMPLE).map((r) => rel(r.from))).toEqual([]);
    const applied = k8sDocs.filter((d) => (resourceFiles.has(d.file) || patchFiles.has(d.file)) && d.kind === 'Secret');
    expect(applied.map((d) => `${rel(d.file)} Secret/${d.name}`)).toEqual([]);
  });

  it('the base has a folder with the five objects for every service, and lists it', () => {
    const baseK = kustomizations.find((k) => k.file === path.join(BASE, 'kustomization.yaml'));
    const listed = arr(at(baseK?.docs[0], 'resources')).map((r) => str(r));
    const problems: string[] = [];
    for (const s of SERVICES) {
      for (const f of SERVICE_FILES)
        if (!fs.existsSync(path.join(BASE, s, f))) problems.push(`k8s/base/${s}/${f} missing`);
      if (!listed.includes(s)) problems.push(`k8s/base/kustomization.yaml does not list ${s}`);
    }
    expect(problems).toEqual([]);
  });

  it('every app folder under apps/ has k8s/base/<app>/deployment.yaml', () => {
    const apps = fs.existsSync(APPS)
      ? fs
          .readdirSync(APPS, { withFileTypes: true })
          .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
          .map((e) => e.name)
      : [];
    const missing = apps.filter((a) => !fs.existsSync(path.join(BASE, a, 'deployment.yaml')));
    expect(missing).toEqual([]);
  });
});

describe('manifests: workloads', () => {
  const deployments = fullDocs.filter((d) => d.kind === 'Deployment');
  const baseDeployments = baseDocs.filter((d) => d.kind === 'Deployment');

  const roleOf = (d: K8sDoc) =>
    str(
      at(
        arr(at(d.doc, 'spec', 'template', 'spec', 'containers', 0, 'env')).find((e) => at(e, 'name') === 'OW_ROLE'),
        'value',
      ),
    ) ?? 'all';

  it('there is one Deployment per service in the base, and workers only as <service>-worker', () => {
    expect(
      baseDeployments
        .filter((d) => !isWorker(d))
        .map((d) => d.name)
        .sort(),
    ).toEqual([...SERVICES].sort());
    expect(
      baseDeployments
        .filter(isWorker)
        .map((d) => d.name)
        .filter((n) => !SERVICES.some((s) => n === `${s}-worker`)),
    ).toEqual([]);
  });

  it('a service whose API Deployment runs OW_ROLE=api has a worker with OW_ROLE=worker (or its events would never leave the outbox), and no Service selects a worker', () => {
    const problems: string[] = [];
    for (const d of baseDeployments.filter((x) => !isWorker(x))) {
      const worker = baseDeployments.find((w) => w.name === `${d.name}-worker`);
      if (roleOf(d) === 'api' && (!worker || roleOf(worker) !== 'worker'))
        problems.push(`Deployment/${d.name}: OW_ROLE=api without a ${d.name}-worker Deployment running OW_ROLE=worker`);
      if (worker && roleOf(d) !== 'api')
        problems.push(`Deployment/${d.name}: has ${d.name}-worker, so it should run OW_ROLE=api`);
    }
    for (const w of baseDeployments.filter(isWorker)) {
      if (roleOf(w) !== 'worker') problems.push(`Deployment/${w.name}: a worker must run OW_ROLE=worker`);
      const podLabels = at(w.doc, 'spec', 'template', 'metadata', 'labels');
      for (const svc of baseDocs.filter((x) => x.kind === 'Service')) {
        if (matches(at(svc.doc, 'spec', 'selector'), podLabels))
          problems.push(`Service/${svc.name} selects the worker ${w.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every Deployment: probes, requests and limits, security context, /tmp, graceful shutdown, spreading', () => {
    expect(deployments.length).toBeGreaterThan(0);
    expect(deployments.flatMap(deploymentProblems)).toEqual([]);
  });

  it('every Deployment has a Service (workers excepted), HPA (autoscaling/v2, CPU 70%) and PDB (policy/v1, minAvailable 1) of its name in the base', () => {
    expect(baseDeployments.flatMap((d) => companionProblems(d, baseDocs, { service: !isWorker(d) }))).toEqual([]);
  });

  it('each service has its own database, declared for CloudNativePG and for compose', () => {
    const cnpg = new Set(baseDocs.filter((d) => d.kind === 'Database').map((d) => str(at(d.doc, 'spec', 'name'))));
    const sql = fs.existsSync(PG_INIT_SQL) ? fs.readFileSync(PG_INIT_SQL, 'utf8') : '';
    const problems: string[] = [];
    for (const s of SERVICES) {
      const cm = find(baseDocs, 'ConfigMap', `${s}-config`);
      if (at(cm?.doc, 'data', 'OW_PG_DATABASE') !== dbName(s))
        problems.push(`${s}-config: OW_PG_DATABASE must be ${dbName(s)}`);
      if (!cnpg.has(dbName(s))) problems.push(`postgres/cluster.yaml: no Database ${dbName(s)}`);
      if (!new RegExp(`CREATE DATABASE ${dbName(s)}\\b`, 'i').test(sql))
        problems.push(`deploy/postgres-init: no CREATE DATABASE ${dbName(s)}`);
    }
    expect(problems).toEqual([]);
  });

  it('the gateway routes to every other service and mounts its signing key', () => {
    const cm = at(find(baseDocs, 'ConfigMap', 'gateway-config')?.doc, 'data');
    const problems = SERVICES.filter((s) => s !== 'gateway')
      .filter((s) => at(cm, `OW_UPSTREAM_${s.toUpperCase().replace(/-/g, '_')}`) !== `http://${s}:3000`)
      .map((s) => `gateway-config: OW_UPSTREAM for ${s}`);
    expect(problems).toEqual([]);
    const keyFile = str(at(cm, 'OW_JWT_PRIVATE_KEY_FILE')) ?? '';
    const gw = find(baseDocs, 'Deployment', 'gateway');
    const mounts = arr(at(gw?.doc, 'spec', 'template', 'spec', 'containers', 0, 'volumeMounts'));
    expect(mounts.some((m) => keyFile.startsWith(String(at(m, 'mountPath')) + '/'))).toBe(true);
  });

  it('Kafka (Strimzi, KRaft) and its topics are declared as specified', () => {
    const kafka = baseDocs.find((d) => d.kind === 'Kafka');
    expect(at(kafka?.doc, 'metadata', 'annotations', 'strimzi.io/kraft')).toBe('enabled');
    expect(at(kafka?.doc, 'metadata', 'annotations', 'strimzi.io/node-pools')).toBe('enabled');
    expect(at(kafka?.doc, 'spec', 'kafka', 'version')).toBe('3.9.1');
    expect(at(kafka?.doc, 'spec', 'kafka', 'config')).toMatchObject({
      'min.insync.replicas': 2,
      'default.replication.factor': 3,
      'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3,
    });
    const pool = baseDocs.find((d) => d.kind === 'KafkaNodePool');
    expect(at(pool?.doc, 'spec', 'replicas')).toBe(3);
    expect(arr(at(pool?.doc, 'spec', 'roles')).sort()).toEqual(['broker', 'controller']);
    const topics = Object.fromEntries(
      baseDocs
        .filter((d) => d.kind === 'KafkaTopic')
        .map((d) => [str(at(d.doc, 'spec', 'topicName')) ?? d.name, at(d.doc, 'spec', 'partitions')]),
    );
    expect(topics).toMatchObject({
      'intake.application.v1': 12,
      'intake.application.v1.dlq': 3,
      'registration.enterprise.v1': 12,
      'registration.enterprise.v1.dlq': 3,
    });
    const pg = baseDocs.find((d) => d.kind === 'Cluster' && str(d.doc.apiVersion)?.startsWith('postgresql.cnpg.io/'));
    expect(at(pg?.doc, 'spec', 'instances')).toBe(3);
  });
});

describe('manifests: docker-compose', () => {
  const compose = parseFile(COMPOSE).docs[0];
  const services = isObj(at(compose, 'services')) ? (at(compose, 'services') as Obj) : {};
  const built = Object.entries(services).filter(([, s]) => at(s, 'build') !== undefined);

  it('builds all seven services from deploy/Dockerfile', () => {
    expect(built.map(([, s]) => str(at(s, 'environment', 'OW_APP'))).sort()).toEqual([...SERVICES].sort());
    const problems = built
      .filter(([, s]) => !String(at(s, 'build', 'dockerfile') ?? '').endsWith('deploy/Dockerfile'))
      .map(([n]) => n);
    expect(problems).toEqual([]);
  });

  it('every service with a build has a healthcheck', () => {
    const missing = built.filter(([, s]) => arr(at(s, 'healthcheck', 'test')).length === 0).map(([n]) => n);
    expect(missing).toEqual([]);
  });

  it('dependencies exist and wait on health (or completion), infrastructure included', () => {
    const problems: string[] = [];
    for (const [name, s] of Object.entries(services)) {
      const deps = at(s, 'depends_on');
      if (deps === undefined) continue;
      if (!isObj(deps)) {
        problems.push(`${name}: depends_on must be the long form with conditions`);
        continue;
      }
      for (const [dep, spec] of Object.entries(deps)) {
        const cond = at(spec, 'condition');
        if (!(dep in services)) problems.push(`${name}: depends on unknown ${dep}`);
        if (cond !== 'service_healthy' && cond !== 'service_completed_successfully')
          problems.push(`${name} -> ${dep}: condition ${String(cond)}`);
        if (cond === 'service_healthy' && arr(at(services[dep], 'healthcheck', 'test')).length === 0)
          problems.push(`${name} waits for ${dep}, which has no healthcheck`);
      }
    }
    for (const [name, s] of built) {
      for (const infra of ['postgres', 'kafka'])
        if (at(s, 'depends_on', infra, 'condition') !== 'service_healthy')
          problems.push(`${name}: must wait for ${infra} healthy`);
      if (at(s, 'environment', 'OW_PG_DATABASE') !== dbName(str(at(s, 'environment', 'OW_APP')) ?? ''))
        problems.push(`${name}: OW_PG_DATABASE`);
    }
    expect(problems).toEqual([]);
  });

  it('publishes only the gateway, on 8080', () => {
    const published = Object.entries(services).filter(([, s]) => arr(at(s, 'ports')).length > 0);
    expect(published.map(([n]) => n)).toEqual(['gateway']);
    expect(arr(at(services.gateway, 'ports')).map(String)).toContain('8080:3000');
  });
});

// ------------------------------------------------------------------------------------------ rendered
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const haveKubectl = kubectl.status === 0;
const renderTargets = [
  BASE,
  ...(fs.existsSync(OVERLAYS) ? fs.readdirSync(OVERLAYS).map((o) => path.join(OVERLAYS, o)) : []),
].filter((d) => KUSTOMIZATION_FILES.some((k) => fs.existsSync(path.join(d, k))));

describe('manifests: rendered with kubectl kustomize', () => {
  const render = (dir: string): K8sDoc[] => {
    const out = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`kubectl kustomize ${rel(dir)} failed:\n${out.stderr}`);
    return k8sDocsOf([{ file: path.join(dir, '(rendered)'), docs: yaml.loadAll(out.stdout).filter(isObj) }]);
  };

  for (const dir of renderTargets) {
    (haveKubectl ? it : it.skip)(
      `${rel(dir)} renders, everything in namespace ${NAMESPACE}, every Deployment complete`,
      () => {
        const docs = render(dir);
        expect(docs.length).toBeGreaterThan(0);
        const outside = docs
          .filter((d) => d.kind !== 'Namespace' && at(d.doc, 'metadata', 'namespace') !== NAMESPACE)
          .map((d) => `${d.kind}/${d.name}`);
        expect(outside).toEqual([]);
        const deployments = docs.filter((d) => d.kind === 'Deployment');
        expect(
          deployments
            .filter((d) => !isWorker(d))
            .map((d) => d.name)
            .sort(),
        ).toEqual([...SERVICES].sort());
        expect(deployments.flatMap(deploymentProblems)).toEqual([]);
        // Companions in the rendered output too (local overlay may run 1 replica, so skip the HPA floor there).
        const companion = deployments
          .flatMap((d) => companionProblems(d, docs, { service: !isWorker(d) }))
          .filter((p) => !(path.basename(dir) === 'local' && p.includes('minReplicas')));
        expect(companion).toEqual([]);
        expect(docs.filter((d) => d.kind === 'Secret').map((d) => d.name)).toEqual([]);
      },
    );
  }

  (haveKubectl && fs.existsSync(path.join(OVERLAYS, 'production')) ? it : it.skip)(
    'production: released image, gateway >= 3 replicas, bigger gateway and intake',
    () => {
      const docs = render(path.join(OVERLAYS, 'production'));
      const images = docs
        .filter((d) => d.kind === 'Deployment')
        .map((d) => str(at(d.doc, 'spec', 'template', 'spec', 'containers', 0, 'image')) ?? '');
      expect(images.filter((i) => /:(local|latest)$/.test(i) || !i.includes(':'))).toEqual([]);
      expect(at(find(docs, 'HorizontalPodAutoscaler', 'gateway')?.doc, 'spec', 'minReplicas')).toBeGreaterThanOrEqual(
        3,
      );
      const mem = (name: string): unknown =>
        at(
          find(docs, 'Deployment', name)?.doc,
          'spec',
          'template',
          'spec',
          'containers',
          0,
          'resources',
          'limits',
          'memory',
        );
      expect(mem('gateway')).not.toEqual(mem('trading'));
      expect(mem('intake')).not.toEqual(mem('trading'));
    },
  );

  (haveKubectl && fs.existsSync(path.join(OVERLAYS, 'production')) ? it : it.skip)(
    'production: at full scale the connection pools fit in Postgres max_connections',
    () => {
      const docs = render(path.join(OVERLAYS, 'production'));
      const pg = docs.find((d) => d.kind === 'Cluster' && str(d.doc.apiVersion)?.startsWith('postgresql.cnpg.io/'));
      const maxConnections = Number(at(pg?.doc, 'spec', 'postgresql', 'parameters', 'max_connections'));
      const RESERVED = 20; // superuser, replication, operator, a person with psql
      let worst = 0;
      for (const s of SERVICES) {
        const maxPods = Number(at(find(docs, 'HorizontalPodAutoscaler', s)?.doc, 'spec', 'maxReplicas'));
        const pool = Number(at(find(docs, 'ConfigMap', `${s}-config`)?.doc, 'data', 'OW_PG_POOL') ?? 20); // 20: libs/persistence default
        worst += maxPods * pool;
      }
      expect(Number.isFinite(worst)).toBe(true);
      expect(worst).toBeLessThanOrEqual(maxConnections - RESERVED);
    },
  );
});
