// Lint for the whole monorepo. The module-boundary rule is the one that keeps the house walkable:
// apps import libs (through their @onewindow/* alias), never each other, and libs never import apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = ['gateway', 'intake', 'registration', 'project-review', 'trading', 'enforcement', 'oversight', 'hall-web'];

const appBoundary = (self) => ({
  files: [`apps/${self}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: SERVICES.filter((s) => s !== self).flatMap((s) => [`**/apps/${s}/**`, `**/${s}/src/**`]), message: 'Apps never import each other: share through libs/ or talk over events and APIs.' },
        { group: ['**/libs/*/src/**', '../../libs/**', '../../../libs/**'], message: 'Import a lib through its @onewindow/* alias, not by path.' },
      ],
    }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'tmp/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
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
  ...SERVICES.map(appBoundary),
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'Libraries never depend on apps.' }] }],
    },
  },
);
