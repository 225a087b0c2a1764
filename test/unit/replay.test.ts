import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker, bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowModules } from '../../workers/workflow-modules.js';
import { dataConverterFrom } from '../../codec/payload-keys.js';
import { parseEnv } from '../../config/env.js';

// The fixtures were recorded with the development payload key (their payloads are ciphertext).
const dataConverter = dataConverterFrom(parseEnv({ MASTERBUS_PROFILE: 'test' }));

// Histories recorded from real runs on the dev server (RECORD_HISTORIES=1 npm test refreshes them). Replaying
// them against today's workflow code fails if a change would break runs already in flight.
const fixture = (name: string) =>
  historyFromJSON(JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/histories/${name}`, import.meta.url)), 'utf8')));

let bundle: Awaited<ReturnType<typeof bundleWorkflowCode>>;
beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already
  }
  // The production bundle (scripts/bundle-workflows.ts): the workflows with their tracing interceptors.
  bundle = await bundleWorkflowCode({
    ...workflowModules,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
}, 60_000);

describe('assessFacility replay (recorded histories)', () => {
  it('should replay a completed assessment without non-determinism', async () => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, fixture('assess-facility.completed.json')),
    ).resolves.toBeUndefined();
  });

  it('should replay a portfolio run (first execution, up to its continue-as-new) without non-determinism', async () => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, fixture('reassess-portfolio.first-run.json')),
    ).resolves.toBeUndefined();
  });

  it('should replay a webhook subscription delivering, dead-lettering and redelivering without non-determinism', async () => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, fixture('deliver-webhooks.dead-letter-redelivered.json')),
    ).resolves.toBeUndefined();
  });

  it('should replay an assessment that failed on a Condoit 404 without non-determinism', async () => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, fixture('assess-facility.condoit-404.json')),
    ).resolves.toBeUndefined();
  });

  it('should replay a trend re-score (a run continued from the previous one, after its worker was killed) without non-determinism', async () => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, fixture('rescore-history.resumed.json')),
    ).resolves.toBeUndefined();
  });
});
