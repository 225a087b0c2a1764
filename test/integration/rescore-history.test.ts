/**
 * Trend history across model versions, on the real stack: a first assessment reconstructs the 11 months before
 * it; a trend whose points are on another model version is hidden, then re-scored by `rescoreHistory` — started by
 * the worker process itself, which is SIGKILLed half-way; the next worker finds the run (never starts a second)
 * and it completes with every point on the current version, scored as a fresh assessment scored it.
 *
 * The workers run in a namespace of this file's own: the re-score's workflow id is one per model version and
 * namespace, as in production.
 */
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { modelFacility } from '../../store/model-inputs.js';
import { scoreSnapshot } from '../../results/score-snapshot.js';
import { dataConverterFrom } from '../../codec/payload-keys.js';
import { appEnv, writeTemporalConfig } from '../../devstack/app-env.js';
import { freePort, spawnApp, type AppProcess } from '../../devstack/app-process.js';
import { MODEL_VERSION } from '../../domain/model-version.js';
import type { FacilityRisks } from '../../domain/read-models.js';
import { trendValues } from '../../results/history-point.js';
import type { HistoryPoint } from '../../store/documents.js';
import { ensureNamespace } from '../../temporal-admin/ensure-namespace.js';
import { startHistoryRescore } from '../../temporal-admin/history-rescore.js';
import { historyRescoreWorkflowId } from '../../workflows/ids.js';
import type { RescoreHistoryState } from '../../workflows/rescore-history-input.js';
import { startHarness, testJwt, workflowBundle, type Harness } from '../support/harness.js';
import { uniqueSuffix } from '../support/test-names.js';

const stack = inject('stack');
const FACILITIES = 20;
const ids = Array.from({ length: FACILITIES }, (_, i) => `fac-${String(i + 1).padStart(5, '0')}`);
let h: Harness;

async function assess(facilityId: string): Promise<void> {
  const res = await h.api(`/v1/facilities/${facilityId}/assessments`, { method: 'POST' });
  expect(res.status).toBe(202);
  const done = await h.waitForAssessment(((await res.json()) as { assessment_id: string }).assessment_id, { timeoutMs: 240_000 });
  expect(done.status).toBe('completed');
}

async function trendOf(facilityId: string): Promise<FacilityRisks['historical_trend']> {
  const res = await h.api(`/v1/facilities/${facilityId}/risks`);
  expect(res.status).toBe(200);
  return ((await res.json()) as FacilityRisks).historical_trend;
}

async function storedHistory(facilityId: string): Promise<HistoryPoint[]> {
  return (await h.db.facilityResults.findOne({ _id: facilityId }))!.history;
}

beforeAll(async () => {
  // Facilities large enough that re-scoring all of them takes a while (12 scorings of 200–300 equipment each).
  h = await startHarness({ shape: { facilityCount: FACILITIES, equipmentMin: 200, equipmentMax: 300 } });
  for (let i = 0; i < ids.length; i += 4) await Promise.all(ids.slice(i, i + 4).map(assess));
}, 900_000);

afterAll(async () => {
  await h?.close();
});

describe('a first assessment', () => {
  it('should come with its 12-month trend: 11 reconstructed months, then its own, on the current model', async () => {
    const history = await storedHistory('fac-00001');
    expect(history).toHaveLength(12);
    expect(history.map((p) => p.reconstructed)).toEqual([...Array(11).fill(true), false]);
    expect(new Set(history.map((p) => p.model_version))).toEqual(new Set([MODEL_VERSION]));
    // One point per month, each earlier month's at its last instant (UTC), consecutive up to the assessment's month.
    const now = history.at(-1)!.as_of;
    const expectedKeys = Array.from({ length: 12 }, (_, i) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1)).toISOString().slice(0, 7),
    );
    expect(history.map((p) => p.month_key)).toEqual(expectedKeys);
    for (const p of history.slice(0, 11)) expect(new Date(p.as_of.getTime() + 1).getUTCDate()).toBe(1);
    // Equipment installed later is absent from earlier months: the count never falls going forward.
    const counts = history.map((p) => p.equipment_count);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // Each reconstructed point is what scoring its snapshot's records as they stood at that instant gives.
    const p = history[3]!;
    const header = (await h.deps.deps.snapshots.header(p.snapshot_id))!;
    const fresh = await scoreSnapshot(modelFacility(header.facility), h.deps.deps.snapshots.equipmentChunks(header), p.as_of.getTime(), {
      recordsAsOf: true,
    });
    expect(p).toMatchObject(trendValues(fresh.out));
    // Served as stored, without what re-scoring needs.
    const served = await trendOf('fac-00001');
    expect(served).toHaveLength(12);
    expect(served[0]).toEqual({
      month: history[0]!.month,
      risk_score: history[0]!.risk_score,
      equipment_count: history[0]!.equipment_count,
      equipment_age: history[0]!.equipment_age,
      model_version: MODEL_VERSION,
      reconstructed: true,
    });
  });

  it('should not reconstruct again on the next assessment: that one replaces only its own month', async () => {
    const before = await storedHistory('fac-00001');
    await assess('fac-00001');
    const after = await storedHistory('fac-00001');
    expect(after.slice(0, 11)).toEqual(before.slice(0, 11));
    expect(after).toHaveLength(12);
    expect(after.at(-1)!.reconstructed).toBe(false);
  });
});

describe('re-scoring the trend under a new model version', () => {
  const suffix = uniqueSuffix();
  const namespace = `mbtest-rescore-${suffix}`;
  const workflowId = historyRescoreWorkflowId(MODEL_VERSION);
  const processes: AppProcess[] = [];
  let connection: Connection;
  let client: Client;

  afterAll(async () => {
    for (const p of processes) await p.kill('SIGKILL');
    await connection?.close();
  });

  it('should finish after its worker is killed half-way, with every point on the current version as a fresh scoring gives it', async () => {
    const original = new Map(await Promise.all(ids.map(async (id) => [id, await storedHistory(id)] as const)));
    // Every point "made by an older model": another version and another score; one point's snapshot is gone.
    for (const id of ids) {
      const old = original.get(id)!.map((p, i) => ({
        ...p,
        model_version: 'test-old',
        risk_score: p.risk_score + 7,
        ...(id === 'fac-00002' && i === 0 ? { snapshot_id: 'fac-00002:gone' } : {}),
      }));
      await h.db.facilityResults.updateOne({ _id: id }, { $set: { history: old } });
      await h.deps.deps.cache.refresh(id);
    }
    // The result is on the current version: points of another one are not served.
    expect(await trendOf('fac-00003')).toEqual([]);

    connection = await Connection.connect({ address: stack.temporal });
    await ensureNamespace(connection, namespace, 1);
    client = new Client({ connection, namespace, dataConverter: dataConverterFrom(h.env) });
    const dir = join(tmpdir(), `masterbus-rescore-${suffix}`);
    mkdirSync(dir, { recursive: true });
    const bundlePath = join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, (await workflowBundle()).code);
    const temporalConfig = writeTemporalConfig(join(dir, 'temporal.config.yaml'), (c) => {
      c.taskQueues.assessments = `mbtest-rescore-${suffix}`;
      c.portfolioSchedule.id = `mbtest-rescore-portfolio-${suffix}`;
      // Two facilities at a time, small pages, continue as new early; a killed worker's activity is retried in 5 s.
      c.workflows['rescoreHistory'] = { concurrency: 2, pageSize: 3, continueAsNewAfterEvents: 20, maxRecordedFailures: 10 };
      const a = c.activities['rescoreFacilityHistory']!;
      c.activities['rescoreFacilityHistory'] = { ...a, heartbeatTimeout: '5s', retry: { ...a.retry, initialInterval: '200ms' } };
    });
    const env = appEnv({
      services: { mongodb: stack.mongodb, redis: stack.redis, temporal: stack.temporal, namespace, condoit: h.sim.url },
      database: h.env.MONGODB_DB,
      keyPrefix: h.env.REDIS_KEY_PREFIX,
      jwt: testJwt,
      apiPort: await freePort(),
      temporalConfig,
      workflowBundle: bundlePath,
    });
    const stale = () => h.db.facilityResults.countDocuments({ 'history.model_version': 'test-old' });

    // The worker starts the version's re-score itself.
    const first = await spawnApp('worker', env, { readyTimeoutMs: 120_000 });
    processes.push(first);
    expect(first.stdout.some((l) => l.includes(`trend re-score ${workflowId} started`))).toBe(true);
    // Half-way: some facilities re-scored, not all.
    for (;;) {
      const left = await stale();
      if (left === 0) throw new Error('the re-score finished before the worker could be killed: make it slower');
      if (left < FACILITIES) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await first.kill('SIGKILL');
    const leftAtKill = await stale();
    expect(leftAtKill).toBeGreaterThan(0);

    // The next worker finds the run and leaves it be; the run carries on on it.
    const second = await spawnApp('worker', env, { readyTimeoutMs: 120_000 });
    processes.push(second);
    expect(second.stdout.some((l) => l.includes(`trend re-score ${workflowId} exists`))).toBe(true);
    const state = (await client.workflow.getHandle(workflowId).result()) as RescoreHistoryState;
    expect(state).toMatchObject({ scanned: FACILITIES, facilities: FACILITIES, failed: 0 });
    expect(state.continuedAsNew).toBeGreaterThanOrEqual(1);

    expect(await stale()).toBe(0);
    for (const id of ids) {
      const expected = original.get(id)!.slice(id === 'fac-00002' ? 1 : 0);
      expect(await storedHistory(id), id).toEqual(expected);
    }
    // Served whole again (the activity refreshed the caches).
    expect(await trendOf('fac-00003')).toHaveLength(12);
    // Whichever worker re-scored fac-00002 said why it dropped a point.
    expect(first.output() + second.output()).toContain('trend point dropped: its snapshot is gone');

    // Once per version: a later start finds it, running or done.
    expect((await startHistoryRescore(client, h.temporalConfig, MODEL_VERSION)).outcome).toBe('exists');
    const runs: string[] = [];
    for await (const wf of client.workflow.list({ query: `ModelVersion = "${MODEL_VERSION}" AND WorkflowType = "rescoreHistory"` }))
      runs.push(wf.workflowId);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(runs)).toEqual(new Set([workflowId]));

    // The last run's history replays on today's code; RECORD_HISTORIES=1 keeps it for test/unit/replay.test.ts.
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: dataConverterFrom(h.env) }, history, workflowId),
    ).resolves.toBeUndefined();
    if (process.env['RECORD_HISTORIES'] === '1') {
      writeFileSync(fileURLToPath(new URL('../fixtures/histories/rescore-history.resumed.json', import.meta.url)), historyToJSON(history));
    }
  });
});
