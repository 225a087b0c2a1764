import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.data/test-results.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          // Groups run in order: unit (0), integration (1), reliability (2).
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          // Real Temporal, FerretDB and Redis, started once for the run by the global setup.
          globalSetup: ['test/support/global-setup.ts'],
          // Each file runs its own worker; one file at a time keeps a 2-core machine responsive.
          fileParallelism: false,
          // Budgets, not timing assertions: a busy 2-core machine runs a 50-facility portfolio in ~2 min.
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          // Kills processes and stops services of its own stack (other ports): after the other projects, one file at a time.
          sequence: { groupOrder: 2 },
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
