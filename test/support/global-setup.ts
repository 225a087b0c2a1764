/**
 * Starts the test stack once per `vitest run`: Temporal, FerretDB and Redis on the test profile's ports with
 * fresh data (or the services named by TEMPORAL_ADDRESS / MONGODB_URL / REDIS_URL), and stops what it started.
 */
import type { TestProject } from 'vitest/node';
import { parseEnv } from '../../config/env.js';
import { loadTemporalConfig } from '../../config/temporal-config.js';
import { startStack } from '../../devstack/stack.js';
import { TEST_NAMESPACE } from './test-names.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = parseEnv({ ...process.env, MASTERBUS_PROFILE: 'test' });
  const temporal = loadTemporalConfig(undefined, { address: env.TEMPORAL_ADDRESS, namespace: TEST_NAMESPACE });
  const started = Date.now();
  // The Web UI runs too: a browser test checks that operators can find runs in it.
  const stack = await startStack({ env, temporal, ui: true, fresh: true, log: (l) => console.log(`[test-stack] ${l}`) });
  console.log(`[test-stack] ready in ${((Date.now() - started) / 1000).toFixed(1)} s (started: ${stack.started.join(', ') || 'nothing'})`);
  project.provide('stack', { ...stack.urls, namespace: TEST_NAMESPACE, temporalUi: stack.temporalUiUrl });
  return () => stack.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { mongodb: string; redis: string; temporal: string; condoit: string; namespace: string; temporalUi: string | null };
  }
}
