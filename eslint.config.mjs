// Lint for the whole monorepo. The module-boundary rule is the one that keeps the house walkable, and it
// is built from the projects themselves: every apps/*/project.json and libs/*/project.json, by its tags.
// A project tagged type:app may depend on type:lib projects only, through their @onewindow/* alias; a
// type:lib project on other libs only. Nothing here lists an app or a lib by hand.
import js from '@eslint/js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const root = path.dirname(new URL(import.meta.url).pathname);

/** May a project with these tags depend on a project with those? */
const DEPENDS_ON = { 'type:app': ['type:lib'], 'type:lib': ['type:lib'] };
const MESSAGES = {
  'type:app': 'Apps never import each other: share through libs/ or talk over events and APIs.',
  'type:lib': 'Libraries never depend on apps.',
};

const projects = ['apps', 'libs'].flatMap((folder) =>
  readdirSync(path.join(root, folder), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, folder, d.name, 'project.json')))
    .map((d) => {
      const project = JSON.parse(readFileSync(path.join(root, folder, d.name, 'project.json'), 'utf8'));
      return { name: d.name, root: `${folder}/${d.name}`, tags: project.tags ?? [] };
    }),
);

const typeOf = (p) => p.tags.find((t) => t.startsWith('type:'));
const pathsOf = (p) => [`**/${p.root}/**`, `**/${p.name}/src/**`];

function boundary(self) {
  const allowed = DEPENDS_ON[typeOf(self)] ?? [];
  const forbidden = projects.filter((p) => p !== self && !allowed.includes(typeOf(p)));
  const libs = projects.filter((p) => p !== self && typeOf(p) === 'type:lib');
  const patterns = [];
  if (forbidden.length)
    patterns.push({
      group: forbidden.flatMap(pathsOf),
      message: MESSAGES[typeOf(self)] ?? 'Not a dependency this project may have.',
    });
  if (libs.length)
    patterns.push({
      group: [...libs.map((l) => `**/libs/${l.name}/**`), ...libs.map((l) => `../**/${l.name}/src/**`)],
      message: 'Import a lib through its @onewindow/* alias, not by path.',
    });
  return { files: [`${self.root}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', '.data/**', 'tmp/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/files/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  ...projects.map(boundary),
);
