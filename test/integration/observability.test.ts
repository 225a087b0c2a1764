/**
 * The real API and worker processes (api/main.ts, workers/main.ts) against the test stack: after real traffic —
 * an assessment whose first Condoit call fails, cached reads, a rate-limited client — their stdout is JSON lines
 * carrying the request id / workflow id / facility id, and the three Prometheus endpoints (API, worker, Temporal
 * SDK) report the counters that traffic must have moved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { mintToken } from '../../contract/mint-token.js';
import { createSimulator } from '../../condoit/simulator/server.js';
import { defaultShape } from '../../condoit/simulator/generator.js';
import { serveApp, type RunningServer } from '../../http/serve-app.js';
import { connectMongo } from '../../store/mongo.js';
import { testJwt } from '../support/harness.js';
import { sampleValue } from '../support/prometheus-text.js';
import { appEnv, writeTemporalConfig } from '../../devstack/app-env.js';
import { freePort, spawnApp, type AppProcess } from '../../devstack/app-process.js';
import { uniqueSuffix } from '../support/test-names.js';

const stack = inject('stack');
const suffix = uniqueSuffix();
const facility = 'fac-00001';
let sim: RunningServer;
let api: AppProcess;
let worker: AppProcess;
let apiUrl: string;
let ports: { api: number; apiMetrics: number; workerMetrics: number; sdkMetrics: number };
let configDir: string;
const scheduleId = `mbtest-obs-${suffix}`;

const scrape = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const jsonLines = (p: AppProcess) => p.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  sim = await serveApp(
    createSimulator({ shape: { ...defaultShape, facilityCount: 3, equipmentMin: 5, equipmentMax: 10 }, knobs: {} }).app.fetch,
  );
  ports = { api: await freePort(), apiMetrics: await freePort(), workerMetrics: await freePort(), sdkMetrics: await freePort() };
  configDir = mkdtempSync(join(tmpdir(), 'mb-obs-'));
  const env = appEnv({
    services: { ...stack, condoit: sim.url },
    database: `mbtest_${suffix}`,
    keyPrefix: `mbtest:${suffix}:`,
    jwt: testJwt,
    apiPort: ports.api,
    temporalConfig: writeTemporalConfig(join(configDir, 'temporal.config.yaml'), (c) => {
      c.taskQueues.assessments = `mbtest-obs-${suffix}`;
      c.portfolioSchedule.id = scheduleId;
    }),
    // This test reads the three metrics endpoints, and rate-limits a viewer.
    extra: {
      RATE_LIMIT_VIEWER: '3',
      API_METRICS_PORT: String(ports.apiMetrics),
      WORKER_METRICS_PORT: String(ports.workerMetrics),
      TEMPORAL_SDK_METRICS_PORT: String(ports.sdkMetrics),
    },
  });
  [worker, api] = await Promise.all([spawnApp('worker', env, { readyTimeoutMs: 120_000 }), spawnApp('api', env)]);
  apiUrl = `http://127.0.0.1:${ports.api}`;
});

afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  const connection = await Connection.connect({ address: stack.temporal });
  await new Client({ connection, namespace: stack.namespace }).schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await connection.close();
  const mongo = await connectMongo(stack.mongodb, `mbtest_${suffix}`);
  await mongo.db.dropDatabase().catch(() => undefined);
  await mongo.close();
  await sim?.close();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

describe('API and worker processes, after real traffic', () => {
  let startRequestId: string;

  beforeAll(async () => {
    // Condoit's first answer for the facility is a 503: the fetch activity fails once and is retried.
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: 1, status: 503, pathPrefix: `/v1/facilities/${facility}` }),
    });
    const assessor = await mintToken(testJwt, { sub: 'obs-assessor', role: 'assessor', facilities: ['*'] });
    const started = await fetch(`${apiUrl}/v1/facilities/${facility}/assessments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${assessor}` },
    });
    expect(started.status).toBe(202);
    startRequestId = started.headers.get('x-request-id')!;
    const { assessment_id } = (await started.json()) as { assessment_id: string };
    const deadline = Date.now() + 90_000;
    for (;;) {
      const body = (await (
        await fetch(`${apiUrl}/v1/assessments/${assessment_id}`, { headers: { authorization: `Bearer ${assessor}` } })
      ).json()) as { status: string };
      if (body.status === 'completed') break;
      if (body.status === 'failed' || Date.now() > deadline) throw new Error(`assessment ended ${body.status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const viewer = await mintToken(testJwt, { sub: 'obs-viewer', role: 'viewer', facilities: ['*'] });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fetch(`${apiUrl}/v1/facilities/${facility}/risks`, { headers: { authorization: `Bearer ${viewer}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('should write only JSON lines, and the start request line should carry the request id the response reported', async () => {
    const lines = jsonLines(api);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.find((l) => l.requestId === startRequestId && l.msg === 'request')).toMatchObject({
      level: 'info',
      service: 'api',
      method: 'POST',
      route: '/v1/facilities/:facility_id/assessments',
      status: 202,
    });
    expect(lines.filter((l) => l.msg === 'request').every((l) => typeof l.requestId === 'string' && l.requestId !== '')).toBe(true);
  });

  it('should log activity lines with the workflow id and facility id, and forward the Temporal SDK logs into the same JSON', async () => {
    // The record says "completed" just before the activity logs it: give the worker's output a moment to arrive.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !jsonLines(worker).some((l) => l.msg === 'assessment completed');)
      await new Promise((r) => setTimeout(r, 100));
    const lines = jsonLines(worker);
    const workflowId = `facility-assessment/${facility}`;
    expect(lines.find((l) => l.msg === 'Condoit fetch failed')).toMatchObject({
      level: 'warn',
      workflowId,
      facilityId: facility,
      errorType: 'CondoitUnavailable',
      activityType: 'fetchFacilitySnapshot',
    });
    expect(lines.find((l) => l.msg === 'snapshot stored')).toMatchObject({ workflowId, facilityId: facility, attempt: 2 });
    expect(lines.find((l) => l.msg === 'assessment completed')).toMatchObject({
      workflowId,
      facilityId: facility,
      sdkComponent: 'activity',
    });
    expect(lines.some((l) => l.component === 'temporal' && l.sdkComponent === 'worker')).toBe(true);
  });

  it('should count requests, cache reads by level and rate-limit rejections on the API metrics port (not the API port)', async () => {
    const text = await scrape(ports.apiMetrics);
    expect(
      sampleValue(text, 'masterbus_api_requests_total', { route: '/v1/facilities/:facility_id/risks', method: 'GET', status: '200' }),
    ).toBe(3);
    expect(
      sampleValue(text, 'masterbus_api_requests_total', {
        route: '/v1/facilities/:facility_id/assessments',
        method: 'POST',
        status: '202',
      }),
    ).toBe(1);
    expect(sampleValue(text, 'masterbus_api_request_duration_seconds_count', { route: '/v1/facilities/:facility_id/risks' })).toBe(4);
    // The worker warmed Redis: the first read comes from Redis, the next from this replica's L1.
    expect(sampleValue(text, 'masterbus_api_cache_reads_total', { level: 'redis' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'masterbus_api_cache_reads_total', { level: 'l1' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(text, 'masterbus_api_rate_limit_rejections_total', { role: 'viewer', store: 'redis' })).toBe(1);
    expect((await fetch(`${apiUrl}/metrics`)).status).toBe(404);
  });

  it('should count the completed assessment and Condoit latency and errors on the worker metrics port', async () => {
    const text = await scrape(ports.workerMetrics);
    expect(sampleValue(text, 'masterbus_worker_assessments_total', { outcome: 'completed' })).toBe(1);
    expect(sampleValue(text, 'masterbus_worker_assessments_total', { outcome: 'failed' })).toBe(0);
    expect(sampleValue(text, 'masterbus_worker_condoit_errors_total', { operation: 'facility', kind: 'CondoitUnavailable' })).toBe(1);
    expect(sampleValue(text, 'masterbus_worker_condoit_request_duration_seconds_count', { operation: 'facility', outcome: 'ok' })).toBe(1);
    expect(
      sampleValue(text, 'masterbus_worker_condoit_request_duration_seconds_count', { operation: 'equipment_page', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("should serve the Temporal SDK's own metrics for the worker's task queue", async () => {
    const text = await scrape(ports.sdkMetrics);
    const queue = `mbtest-obs-${suffix}`;
    expect(sampleValue(text, 'temporal_workflow_completed', { task_queue: queue, workflow_type: 'assessFacility' })).toBe(1);
    expect(sampleValue(text, 'temporal_activity_execution_failed', { task_queue: queue, activity_type: 'fetchFacilitySnapshot' })).toBe(1);
  });
});
