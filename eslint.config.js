// Lint is part of `npm test`. Two rules matter most here: no floating promises anywhere (an un-awaited
// promise loses its error), and no Node built-ins or I/O clients in workflow code (it must stay deterministic
// and run in Temporal's sandbox; all I/O belongs in activities). And the layering of docs/architecture.md.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { layerPatterns, layers } from './eslint.layers.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'dist/**', 'scripts/ferretdb/**', 'clients/typescript/src/schema.ts'] },
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
  // Layering (eslint.layers.js): each folder imports only the folders below it. Workflows add their own
  // determinism fence: no Node built-ins, no I/O clients.
  ...Object.keys(layers).map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        folder === 'workflows'
          ? {
              paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must not use Node built-ins: do I/O in an activity.' })),
              patterns: [
                {
                  group: [
                    'mongodb',
                    'redis',
                    'hono',
                    'hono/*',
                    '@hono/*',
                    '@temporalio/client',
                    '@temporalio/worker',
                    '@temporalio/activity',
                    'undici',
                    'yaml',
                  ],
                  message: 'Workflow code must not import I/O clients or servers: do I/O in an activity.',
                  allowTypeImports: true,
                },
                ...layerPatterns(folder),
              ],
            }
          : { patterns: layerPatterns(folder) },
      ],
    },
  })),
);
