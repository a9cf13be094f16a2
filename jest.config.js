// One jest run for the whole monorepo. Two projects: `unit` (pure logic, no infrastructure) and
// `integration` (real PostgreSQL and Kafka started by deploy/local/infra.sh; see tools/test.sh).
const { pathsToModuleNameMapper } = require('./tools/jest-paths');
const fs = require('fs');
const swc = JSON.parse(fs.readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };
const moduleNameMapper = pathsToModuleNameMapper();
const common = {
  rootDir: __dirname,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Integration tests start brokers and apps; their timeout is generous, unit tests keep jest's default per-test.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools,k8s,deploy}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,e2e,tools}/**/*.int.spec.ts'],
      slowTestThreshold: 30,
    },
  ],
};
