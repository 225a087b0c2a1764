// Lint is part of `npm test`. Two rules matter most here: no floating promises anywhere (an un-awaited
// promise loses its error), and no Node built-ins or I/O clients in workflow code (it must stay deterministic
// and run in Temporal's sandbox; all I/O belongs in activities).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'dist/**', 'scripts/ferretdb/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must not use Node built-ins: do I/O in an activity.' })),
          patterns: [
            {
              group: ['mongodb', 'redis', 'hono', 'hono/*', '@hono/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'undici', 'yaml'],
              message: 'Workflow code must not import I/O clients or servers: do I/O in an activity.',
              allowTypeImports: true,
            },
            {
              group: ['../activities/*', '../store/*', '../cache/*', '../condoit/*', '../config/*', '../api/*', '../devstack/*'],
              message: 'Workflows may import these modules for types only (import type ...).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
