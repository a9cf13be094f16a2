import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as yaml from 'js-yaml';
import * as path from 'path';
import { SHARED, serviceGenerator } from './generator';
import { pluralOf, serviceNames } from './names';
import {
  addGatewayUpstream,
  addToCompose,
  addToGatewayConfigMap,
  addToInfraScript,
  addToKustomization,
  addToManifestsSpec,
  addTopic,
  addToStartScript,
} from './shared-files';
import { seedWorkspace } from './testing/workspace';

const NOW = 1767300000000;
type Obj = Record<string, any>;

describe('service generator', () => {
  let tree: Tree;
  const read = (file: string): string => {
    const text = tree.read(file, 'utf-8');
    if (text === null) throw new Error(`${file} was not written`);
    return text;
  };
  const yamlOf = (file: string): Obj => yaml.load(read(file)) as Obj;
  const yamlDocs = (file: string): Obj[] => yaml.loadAll(read(file)) as Obj[];

  const fresh = () => {
    tree = createTreeWithEmptyWorkspace();
    seedWorkspace(tree);
  };
  afterEach(() => jest.restoreAllMocks());

  describe('a new service (permit-archive)', () => {
    // One generation (formatted: Prettier runs in a child process) read by every test of this block.
    beforeAll(async () => {
      fresh();
      jest.spyOn(Date, 'now').mockReturnValue(NOW);
      jest.spyOn(logger, 'info').mockImplementation(() => undefined);
      (await serviceGenerator(tree, { name: 'permit-archive' }))();
      jest.restoreAllMocks();
    });

    it('writes the app as docs/conventions.md lays it out, the feature named after its first aggregate', () => {
      const files = tree
        .listChanges()
        .filter((c) => c.type === 'CREATE')
        .map((c) => c.path)
        .sort();
      expect(files.filter((f) => f.startsWith('apps/permit-archive/'))).toEqual(
        [
          'README.md',
          'project.json',
          'src/app.module.ts',
          'src/main.ts',
          'src/records/domain/record-visibility.spec.ts',
          'src/records/domain/record-visibility.ts',
          'src/records/dto/record.dto.ts',
          'src/records/entities/record.entity.ts',
          `src/records/migrations/${NOW}-record-init.ts`,
          'src/records/record.consumer.ts',
          'src/records/record.repository.ts',
          'src/records/record.service.ts',
          'src/records/records.controller.ts',
          'src/records/records.module.ts',
          'src/service-definition.ts',
          'test/permit-archive.int.spec.ts',
        ].map((f) => `apps/permit-archive/${f}`),
      );
      for (const f of files) {
        expect(read(f)).not.toMatch(/<%|%>|__tmpl__|__name__|__aggregate/);
        expect(f).not.toMatch(/__/);
      }
    });

    it('project.json: type:app, serve and test targets like the other apps', () => {
      const project = JSON.parse(read('apps/permit-archive/project.json'));
      expect(project).toMatchObject({
        name: 'permit-archive',
        projectType: 'application',
        sourceRoot: 'apps/permit-archive/src',
        tags: ['type:app'],
      });
      expect(project.targets.serve.options.command).toBe('node -r @swc-node/register apps/permit-archive/src/main.ts');
      expect(project.targets.test.options.command).toBe('jest --testPathPattern apps/permit-archive');
    });

    it('main.ts boots through createServiceApp; the definition names its database, entities, migrations, contracts and features', () => {
      const main = read('apps/permit-archive/src/main.ts');
      expect(main).toContain("import { createServiceApp, listen, runWorkers } from '@onewindow/http';");
      expect(main).toContain("service: 'permit-archive',");
      expect(main).toContain('await listen(app, 3005)');
      expect(read('apps/permit-archive/src/app.module.ts')).toContain(
        'export const AppModule = serviceModule(permitArchiveDefinition);',
      );
      const def = read('apps/permit-archive/src/service-definition.ts');
      expect(def).toContain('export const permitArchiveDefinition = defineService({');
      expect(def).toContain("database: 'ow_permit_archive',");
      expect(def).toContain('entities: [...recordEntities],');
      expect(def).toContain('migrations: [...recordMigrations],');
      expect(def).toContain('contracts: [...permitArchiveContracts],');
      expect(def).toContain('features: [RecordsModule],');
    });

    it('the feature: entity, migration, repository, outbox write, consumer on the contract, validated DTOs, guarded routes', () => {
      const dir = 'apps/permit-archive/src/records';
      expect(read(`${dir}/entities/record.entity.ts`)).toContain("@Entity('record')\nexport class RecordEntity {");
      const migration = read(`${dir}/migrations/${NOW}-record-init.ts`);
      expect(migration).toContain(`export class RecordInit${NOW} implements MigrationInterface {`);
      expect(migration).toContain('create table "record" (');
      expect(read(`${dir}/records.module.ts`)).toContain(`export const recordMigrations = [RecordInit${NOW}];`);
      const service = read(`${dir}/record.service.ts`);
      expect(service).toMatch(
        /this\.ds\.transaction\(async \(m\) => \{[\s\S]*this\.records\.insert\(m, row\);[\s\S]*this\.outbox\.add\(m, PermitArchiveRecordCreated, \{/,
      );
      expect(service).toContain("throw new NotVisibleError('record', id)");
      const consumer = read(`${dir}/record.consumer.ts`);
      expect(consumer).toContain("name: 'permit-archive-records',");
      expect(consumer).toContain('topics: [Topics.permitArchiveRecord],');
      expect(consumer).toContain('handlers: [on(PermitArchiveRecordCreated, (e, m) => this.acknowledge(e, m))],');
      const controller = read(`${dir}/records.controller.ts`);
      expect(controller).toContain("@Controller('records')");
      expect(controller).toMatch(/@Post\(\)\s*@Principals\('staff'\)/);
      expect(controller).toMatch(/@Get\(':id'\)\s*@Principals\('citizen', 'enterprise', 'staff'\)/);
      expect(read(`${dir}/dto/record.dto.ts`)).toMatch(
        /@IsIn\(OWNER_TYPES\)[\s\S]*@Length\(1, 64\)[\s\S]*@Length\(1, 200\)/,
      );
      const test = read('apps/permit-archive/test/permit-archive.int.spec.ts');
      expect(test).toContain(
        "bootTestService('ow_permit_archive', () => serviceModule(permitArchiveDefinition, { poolSize: 5 }), {",
      );
    });

    it('formats what it created with the workspace Prettier settings, unless told not to', async () => {
      const prettier = require.resolve('prettier/bin/prettier.cjs');
      const flags = [
        '--no-config',
        '--print-width',
        '120',
        '--single-quote',
        '--trailing-comma',
        'all',
        '--arrow-parens',
        'always',
      ];
      const formatted = (file: string, text: string) =>
        spawnSync(process.execPath, [prettier, ...flags, '--stdin-filepath', file], { input: text, encoding: 'utf8' })
          .stdout;
      for (const f of [
        'apps/permit-archive/project.json',
        'apps/permit-archive/src/main.ts',
        'libs/contracts/src/events/permit-archive.ts',
      ]) {
        expect(read(f)).toBe(formatted(f, read(f)));
      }
      // The templates' long description line, wrapped by Prettier:
      expect(read('apps/permit-archive/src/main.ts')).toContain("    description:\n      'The permit-archive service:");
    });

    it('declares its event in libs/contracts: a topic, a strict schema, exported from the index', () => {
      const contract = read('libs/contracts/src/events/permit-archive.ts');
      expect(contract).toContain('export const PermitArchiveRecordCreated = defineEvent({');
      expect(contract).toContain("type: 'permit-archive.record.created',");
      expect(contract).toContain('topic: Topics.permitArchiveRecord,');
      expect(contract).toContain('.strict(),');
      expect(contract).toContain(
        'export const permitArchiveContracts: EventContract<any>[] = [PermitArchiveRecordCreated];',
      );
      expect(read(SHARED.topics)).toContain(
        "  tradingTender: 'trading.tender.v1',\n  permitArchiveRecord: 'permit-archive.record.v1',\n} as const;",
      );
      expect(read(SHARED.contractsIndex).trimEnd().split('\n').pop()).toBe("export * from './events/permit-archive';");
    });

    it('routes /api/permit-archive at the gateway on the next free port', () => {
      const config = read(SHARED.gatewayConfig);
      expect(config).toContain("export const SERVICES = ['intake', 'trading', 'permit-archive'] as const;");
      expect(config).toContain("  trading: 3004,\n  'permit-archive': 3005,\n};");
    });

    it('npm start starts it on its database', () => {
      const start = read(SHARED.startSh);
      expect(start).toContain('declare -A PORTS=([gateway]=8080 [intake]=3001 [trading]=3004 [permit-archive]=3005)');
      expect(start).toContain('for app in intake trading permit-archive; do');
      expect(start).toContain('for app in "${services[@]}"; do');
      expect(read(SHARED.infraSh)).toContain('DATABASES="ow_gateway ow_intake ow_trading ow_permit_archive ow_test"');
      expect(read(SHARED.databasesSql)).toMatch(/CREATE DATABASE ow_trading;\nCREATE DATABASE ow_permit_archive;\n$/);
    });

    it('Docker Compose runs it from the shared fragments, and the gateway routes to it and waits for it', () => {
      const text = read(SHARED.compose);
      expect(text).toContain('  # The services fetch the gateway'); // comments stay
      const compose = yamlOf(SHARED.compose);
      expect(compose.services['permit-archive']).toMatchObject({
        build: { dockerfile: 'deploy/Dockerfile' },
        environment: { OW_APP: 'permit-archive', OW_PG_DATABASE: 'ow_permit_archive', OW_JWKS_URL: expect.any(String) },
        depends_on: { postgres: { condition: 'service_healthy' }, kafka: { condition: 'service_healthy' } },
      });
      expect(compose.services.gateway.environment.OW_UPSTREAM_PERMIT_ARCHIVE).toBe('http://permit-archive:3000');
      expect(compose.services.gateway.depends_on['permit-archive']).toEqual({ condition: 'service_healthy' });
      expect(Object.keys(compose.services)).toEqual([
        'postgres',
        'kafka',
        'gateway',
        'intake',
        'trading',
        'permit-archive',
      ]);
      expect(Object.keys(compose)).toEqual([
        'name',
        'x-app',
        'x-app-env',
        'x-service-env',
        'x-infra-ready',
        'services',
        'volumes',
      ]);
    });

    it('Kubernetes: the five objects in k8s/base/permit-archive, listed, routed, with its database, topics and manifest check', () => {
      const dir = 'k8s/base/permit-archive';
      expect(yamlOf(`${dir}/kustomization.yaml`).resources).toEqual([
        'configmap.yaml',
        'deployment.yaml',
        'service.yaml',
        'hpa.yaml',
        'pdb.yaml',
      ]);
      const deployment = yamlOf(`${dir}/deployment.yaml`);
      expect(deployment.metadata.name).toBe('permit-archive');
      expect(deployment.spec.template.spec.containers[0].env[0]).toEqual({ name: 'OW_APP', value: 'permit-archive' });
      expect(deployment.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe('permit-archive-config');
      expect(read(`${dir}/deployment.yaml`)).not.toContain('trading');
      expect(yamlOf(`${dir}/configmap.yaml`).data).toMatchObject({
        OW_PG_DATABASE: 'ow_permit_archive',
        OW_PG_POOL: '5',
      });
      expect(yamlOf(`${dir}/hpa.yaml`).spec).toMatchObject({
        scaleTargetRef: { name: 'permit-archive' },
        minReplicas: 2,
        maxReplicas: 4,
      });
      expect(yamlOf(`${dir}/pdb.yaml`).spec).toEqual({
        minAvailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': 'permit-archive' } },
      });
      expect(yamlOf(`${dir}/service.yaml`).spec.selector).toEqual({ 'app.kubernetes.io/name': 'permit-archive' });

      expect(yamlOf(SHARED.kustomization).resources.slice(-2)).toEqual(['trading', 'permit-archive']);
      expect(yamlOf(SHARED.gatewayConfigMap).data.OW_UPSTREAM_PERMIT_ARCHIVE).toBe('http://permit-archive:3000');
      const databases = yamlDocs(SHARED.postgresCluster).filter((d) => d.kind === 'Database');
      expect(databases.map((d) => d.spec.name)).toEqual(['ow_trading', 'ow_permit_archive']);
      const topics = yamlDocs(SHARED.kafka).map((d) => [d.metadata.name, d.spec.topicName, d.spec.partitions]);
      expect(topics).toEqual([
        ['intake-application-v1', 'intake.application.v1', 12],
        ['permit-archive-record-v1', 'permit-archive.record.v1', 6],
        ['permit-archive-record-v1-dlq', 'permit-archive.record.v1.dlq', 3],
      ]);
      expect(read(SHARED.manifestsSpec)).toContain(
        "const SERVICES = ['gateway', 'intake', 'trading', 'permit-archive'];",
      );
    });
  });

  describe('more than one', () => {
    beforeEach(fresh);

    it('a second service takes the next port', async () => {
      await serviceGenerator(tree, { name: 'permit-archive', skipFormat: true });
      await serviceGenerator(tree, { name: 'land-use', aggregate: 'parcel', skipFormat: true });
      expect(read(SHARED.startSh)).toContain('[permit-archive]=3005 [land-use]=3006)');
      expect(read(SHARED.gatewayConfig)).toContain("  'permit-archive': 3005,\n  'land-use': 3006,\n};");
      expect(read('apps/land-use/src/parcels/parcels.controller.ts')).toContain('export class ParcelsController {');
    });

    it('--skip-format leaves the created files as the templates make them', async () => {
      await serviceGenerator(tree, { name: 'water-supply', skipFormat: true });
      expect(read('apps/water-supply/src/main.ts')).toContain("    description: 'The water-supply service:");
    });
  });

  describe('a service the shared files already name (trading)', () => {
    beforeEach(fresh);

    it('adds nothing twice: same port, no second route, compose entry, database or k8s folder', async () => {
      const before = Object.fromEntries(Object.values(SHARED).map((f) => [f, tree.read(f, 'utf-8')]));
      await serviceGenerator(tree, { name: 'trading', aggregate: 'tender', skipFormat: true });
      const changed = Object.values(SHARED).filter((f) => tree.read(f, 'utf-8') !== before[f]);
      // Only the contract export and the declared topic are new; Topics already had trading.tender.v1.
      expect(changed).toEqual([SHARED.contractsIndex, SHARED.kafka]);
      expect(read('apps/trading/src/main.ts')).toContain('await listen(app, 3004)');
      expect(read('libs/contracts/src/events/trading.ts')).toContain('topic: Topics.tradingTender,');
      expect(tree.exists('k8s/base/trading/hpa.yaml')).toBe(false);
    });

    it('reuses the key Topics already gives its topic', async () => {
      tree.write(SHARED.topics, read(SHARED.topics).replace('tradingTender', 'tenders'));
      await serviceGenerator(tree, { name: 'trading', aggregate: 'tender', skipFormat: true });
      expect(read('libs/contracts/src/events/trading.ts')).toContain('topic: Topics.tenders,');
      expect(read('apps/trading/src/tenders/tender.consumer.ts')).toContain('topics: [Topics.tenders],');
    });
  });

  describe('refuses', () => {
    beforeEach(fresh);

    it.each(['PermitArchive', 'permit_archive', '1permit', 'permit--archive', '-permit', 'a'.repeat(41), ''])(
      'the name %j',
      async (name) => {
        await expect(serviceGenerator(tree, { name })).rejects.toThrow(/kebab-case|40 characters/);
      },
    );

    it('an existing app or project', async () => {
      await expect(serviceGenerator(tree, { name: 'intake' })).rejects.toThrow('apps/intake exists already');
      await expect(serviceGenerator(tree, { name: 'contracts' })).rejects.toThrow(
        'An Nx project is called contracts already',
      );
    });

    it('a port another service has, and routes the platform takes', async () => {
      await expect(serviceGenerator(tree, { name: 'permit-archive', port: 3001 })).rejects.toThrow(
        "Port 3001 is intake's already",
      );
      await expect(serviceGenerator(tree, { name: 'permit-archive', aggregate: 'metric' })).rejects.toThrow(
        '/metrics is taken',
      );
      await expect(serviceGenerator(tree, { name: 'permit-archive', aggregate: 'Permit' })).rejects.toThrow(
        'aggregate must be kebab-case',
      );
    });

    it('a contract name libs/contracts exports already', async () => {
      tree.write('libs/contracts/src/events/other.ts', 'export const PermitArchiveRecordCreated = 1;\n');
      await expect(serviceGenerator(tree, { name: 'permit-archive' })).rejects.toThrow(
        'libs/contracts exports PermitArchiveRecordCreated already',
      );
    });

    it('nothing is written when it refuses', async () => {
      const before = tree.listChanges().length;
      await expect(serviceGenerator(tree, { name: 'intake' })).rejects.toThrow();
      expect(tree.listChanges().length).toBe(before);
    });
  });

  it('when a shared file was restructured, it leaves the file alone and says what to add by hand', async () => {
    fresh();
    tree.write(SHARED.gatewayConfig, 'export const UPSTREAMS = loadUpstreams();\n');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    (await serviceGenerator(tree, { name: 'permit-archive', skipFormat: true }))();
    expect(read(SHARED.gatewayConfig)).toBe('export const UPSTREAMS = loadUpstreams();\n');
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`${SHARED.gatewayConfig}: add 'permit-archive' (port 3005)`),
    );
  });
});

describe('names', () => {
  it('derives every name from the service and its aggregate', () => {
    const n = serviceNames({ name: 'project-review', aggregate: 'project', port: 3003 }, NOW);
    expect(n).toMatchObject({
      className: 'ProjectReview',
      envName: 'PROJECT_REVIEW',
      database: 'ow_project_review',
      definitionName: 'projectReviewDefinition',
      contractsName: 'projectReviewContracts',
      aggregatePlural: 'projects',
      aggregatePluralClass: 'Projects',
      topicKey: 'projectReviewProject',
      topic: 'project-review.project.v1',
      eventName: 'ProjectReviewProjectCreated',
      eventType: 'project-review.project.created',
      consumerName: 'project-review-projects',
      migrationClass: `ProjectInit${NOW}`,
      aggregateTable: 'project',
    });
    expect(serviceNames({ name: 'permit', aggregate: 'permit-change', port: 3009 }, NOW)).toMatchObject({
      eventName: 'PermitChangeCreated',
      topicKey: 'permitChange',
      aggregateTable: 'permit_change',
    });
  });

  it('pluralises the simple cases; --plural covers the rest', () => {
    expect(['case', 'inquiry', 'box', 'match', 'day', 'permit-change'].map(pluralOf)).toEqual([
      'cases',
      'inquiries',
      'boxes',
      'matches',
      'days',
      'permit-changes',
    ]);
    expect(serviceNames({ name: 'hr', aggregate: 'person', plural: 'people', port: 3010 }).aggregatePluralClass).toBe(
      'People',
    );
  });
});

describe("the workspace's shared files still have the places the generator edits", () => {
  const root = path.resolve(__dirname, '../../..');
  const real = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
  const n = serviceNames({ name: 'zz-probe', port: 3999 });

  it.each([
    [SHARED.topics, (s: string) => addTopic(s, n.topicKey, n.topic)],
    [SHARED.gatewayConfig, (s: string) => addGatewayUpstream(s, n.name, n.port)],
    [SHARED.startSh, (s: string) => addToStartScript(s, n.name, n.port)],
    [SHARED.infraSh, (s: string) => addToInfraScript(s, n.database)],
    [SHARED.compose, (s: string) => addToCompose(s, n)],
    [SHARED.kustomization, (s: string) => addToKustomization(s, n.name)],
    [SHARED.gatewayConfigMap, (s: string) => addToGatewayConfigMap(s, n)],
    [SHARED.manifestsSpec, (s: string) => addToManifestsSpec(s, n.name)],
  ])('%s', (file, change) => {
    const out = change(real(file));
    expect(out).not.toBeNull();
    expect(out).not.toBe(real(file));
  });
});
