import type { Tree } from '@nx/devkit';

/*
 * The shared files the service generator edits, trimmed to what matters, as they stand for the gateway
 * and two services (intake and trading) with their ports, databases and deployment entries. A unit test
 * seeds an in-memory workspace with them (createTreeWithEmptyWorkspace + seedWorkspace).
 */
export const FIXTURE: Record<string, string> = {
  '.prettierrc.json': '{ "printWidth": 120, "singleQuote": true, "trailingComma": "all", "arrowParens": "always" }\n',
  'apps/intake/project.json': JSON.stringify({
    name: 'intake',
    sourceRoot: 'apps/intake/src',
    projectType: 'application',
    tags: ['type:app'],
  }),
  'apps/gateway/project.json': JSON.stringify({
    name: 'gateway',
    sourceRoot: 'apps/gateway/src',
    projectType: 'application',
    tags: ['type:app'],
  }),
  'libs/contracts/project.json': JSON.stringify({
    name: 'contracts',
    sourceRoot: 'libs/contracts/src',
    projectType: 'library',
    tags: ['type:lib'],
  }),
  'libs/contracts/src/topics.ts': `/** The topic registry. */
export const Topics = {
  intakeApplication: 'intake.application.v1',
  tradingTender: 'trading.tender.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];
`,
  'libs/contracts/src/index.ts': `export * from './envelope';
export * from './topics';
export * from './events/intake-application';
`,
  'libs/contracts/src/events/intake-application.ts': `export const ApplicationAccepted = defineEvent({ type: 'intake.application.accepted' });
export const intakeContracts = [ApplicationAccepted];
`,
  'apps/gateway/src/config.ts': `/** The services behind the gateway and where they listen (G1). */
export const SERVICES = ['intake', 'trading'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  intake: 3001,
  trading: 3004,
};
`,
  'deploy/local/start.sh': `#!/usr/bin/env bash
declare -A PORTS=([gateway]=8080 [intake]=3001 [trading]=3004)
services=()
for app in intake trading; do
  [ -f "apps/$app/src/main.ts" ] || continue
  start_app "$app" "\${PORTS[$app]}"
  services+=("$app")
done
for app in "\${services[@]}"; do wait_ready "$app" "\${PORTS[$app]}"; done
`,
  'deploy/local/infra.sh': `#!/usr/bin/env bash
DATABASES="ow_gateway ow_intake ow_trading ow_test"
`,
  'deploy/postgres-init/01-databases.sql': `-- One database per service.
CREATE DATABASE ow_gateway;
CREATE DATABASE ow_intake;
CREATE DATABASE ow_trading;
`,
  'deploy/docker-compose.yml': `name: onewindow
x-app: &app
  build:
    context: ..
    dockerfile: deploy/Dockerfile
  healthcheck:
    test: ["CMD", "true"]
x-app-env: &app-env
  PORT: "3000"
x-service-env: &service-env
  <<: *app-env
  OW_JWKS_URL: http://gateway:3000/auth/.well-known/jwks.json
x-infra-ready: &infra-ready
  postgres:
    condition: service_healthy
  kafka:
    condition: service_healthy

services:
  postgres:
    image: postgres:16
  kafka:
    image: apache/kafka:3.9.1

  # ---------------------------------------------------------------- services
  gateway:
    <<: *app
    environment:
      <<: *app-env
      OW_APP: gateway
      OW_PG_DATABASE: ow_gateway
      OW_UPSTREAM_INTAKE: http://intake:3000
      OW_UPSTREAM_TRADING: http://trading:3000
    ports:
      - "8080:3000"
    depends_on:
      <<: *infra-ready
      intake:
        condition: service_healthy
      trading:
        condition: service_healthy

  # The services fetch the gateway's JWKS when they first verify a token.
  intake:
    <<: *app
    environment:
      <<: *service-env
      OW_APP: intake
      OW_PG_DATABASE: ow_intake
    depends_on: *infra-ready

  trading:
    <<: *app
    environment:
      <<: *service-env
      OW_APP: trading
      OW_PG_DATABASE: ow_trading
    depends_on: *infra-ready

volumes:
  pg-data:
`,
  'k8s/base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: onewindow
resources:
  - namespace.yaml
  # Infrastructure, run by operators.
  - postgres/cluster.yaml
  - kafka/kafka.yaml
  # The services.
  - gateway
  - intake
  - trading
`,
  'k8s/base/trading/deployment.yaml': 'kind: Deployment\n',
  'k8s/base/gateway/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: gateway-config
data:
  OW_PG_DATABASE: ow_gateway
  OW_UPSTREAM_INTAKE: http://intake:3000
  OW_UPSTREAM_TRADING: http://trading:3000
`,
  'k8s/base/postgres/cluster.yaml': `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: onewindow-pg
---
apiVersion: postgresql.cnpg.io/v1
kind: Database
metadata:
  name: ow-trading
spec:
  name: ow_trading
  owner: onewindow
  cluster:
    name: onewindow-pg
  ensure: present
  databaseReclaimPolicy: retain
`,
  'k8s/base/kafka/kafka.yaml': `apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata:
  name: intake-application-v1
spec:
  topicName: intake.application.v1
  partitions: 12
`,
  'tools/manifests.spec.ts': `const SERVICES = ['gateway', 'intake', 'trading'];\nexport const count = SERVICES.length;\n`,
};

export function seedWorkspace(tree: Tree, files: Record<string, string> = FIXTURE): void {
  for (const [file, content] of Object.entries(files)) tree.write(file, content);
}
