/**
 * Structured logs and metrics without services: every line is one JSON object; API lines carry the request id the
 * response reports; activity lines carry the workflow id (from the activity Context) and the facility id; the
 * request, rate-limit and assessment counters move with the traffic that should move them.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import { mintToken } from '../../contract/mint-token.js';
import type { ApiServices } from '../../api/services/api-services.js';
import type { ResultsReader } from '../../api/services/results-reader.js';
import { createActivities, type ActivityDeps } from '../../activities/create-activities.js';
import { CondoitError } from '../../condoit/errors.js';
import { createApiMetrics } from '../../observability/api-metrics.js';
import { createLogger } from '../../observability/logger.js';
import { temporalLogger } from '../../observability/temporal-logger.js';
import { createWorkerMetrics } from '../../observability/worker-metrics.js';
import { metricsApp } from '../../observability/metrics-endpoint.js';
import type { AssessmentRef, StatusUpdate } from '../../activities/types.js';
import { sampleValue } from '../support/prometheus-text.js';

const jwt = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };

function capture() {
  const raw: string[] = [];
  return {
    raw,
    lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>),
    destination: { write: (s: string) => void raw.push(s) },
  };
}

function services(allowRequests: number): ApiServices {
  let seen = 0;
  return {
    results: {
      listFacilities: async () => ({ total: 0, page: 1, limit: 20, items: [] }),
      portfolio: async () => {
        throw new Error('disk on fire');
      },
    } as unknown as ResultsReader,
    readiness: async () => ({}),
    rateLimiter: {
      check: async (_k: string, limit: number) => ({
        allowed: ++seen <= allowRequests,
        limit,
        remaining: 0,
        resetAt: Math.floor(Date.now() / 1000) + 60,
        store: 'redis' as const,
      }),
    },
  } as unknown as ApiServices;
}

async function metricValue(
  metrics: { registry: { metrics(): Promise<string> } },
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  return sampleValue(await metrics.registry.metrics(), name, labels);
}

describe('structured logs', () => {
  it('should write one JSON object per line with the level as a word, the service and an ISO time', () => {
    const out = capture();
    const logger = createLogger({ service: 'api', level: 'info', destination: out.destination });
    logger.debug('hidden below the level');
    logger.info({ facilityId: 'fac-1' }, 'hello');
    expect(out.raw).toHaveLength(1);
    expect(out.raw[0]!.endsWith('\n')).toBe(true);
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'info', service: 'api', facilityId: 'fac-1', msg: 'hello' });
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
  });

  it('should forward Temporal logger calls with their metadata and serialise an error under err', () => {
    const out = capture();
    const log = temporalLogger(createLogger({ service: 'worker', level: 'trace', destination: out.destination }));
    log.warn('activity failed', { workflowId: 'wf-1', error: new Error('boom') });
    log.log('DEBUG', 'core line', { sdkComponent: 'core' });
    const [warn, debug] = out.lines();
    expect(warn).toMatchObject({ level: 'warn', msg: 'activity failed', workflowId: 'wf-1', err: { type: 'Error', message: 'boom' } });
    expect(debug).toMatchObject({ level: 'debug', msg: 'core line', sdkComponent: 'core' });
  });

  it('should log every API request with the request id the response carries, and 5xx errors with it too', async () => {
    const out = capture();
    const app = newApp({
      services: services(100),
      jwt,
      logger: createLogger({ service: 'api', level: 'info', destination: out.destination }),
    });
    const token = await mintToken(jwt, { sub: 'u1', role: 'viewer', facilities: ['*'] });
    const ok = await app.request('/v1/facilities', { headers: { authorization: `Bearer ${token}` } });
    const failed = await app.request('/v1/portfolio/summary', {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-from-caller' },
    });
    expect(ok.status).toBe(200);
    expect(failed.status).toBe(500);
    const lines = out.lines();
    const okLine = lines.find((l) => l.requestId === ok.headers.get('x-request-id') && l.msg === 'request');
    expect(okLine).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/v1/facilities',
      route: '/v1/facilities',
      status: 200,
      subject: 'u1',
    });
    // The server's id (the caller's 'req-from-caller' is not adopted): the one the failed response carries.
    const failedId = failed.headers.get('x-request-id');
    expect(failedId).not.toBe('req-from-caller');
    expect(lines.find((l) => l.requestId === failedId && l.level === 'error')).toMatchObject({
      msg: 'request failed',
      err: { message: 'disk on fire' },
    });
    expect(lines.find((l) => l.requestId === failedId && l.msg === 'request')).toMatchObject({ status: 500 });
    expect(lines.every((l) => typeof l.requestId === 'string')).toBe(true);
  });
});

describe('API metrics', () => {
  it('should count requests by route template and status and rate-limit rejections by role', async () => {
    const metrics = createApiMetrics();
    const app = newApp({ services: services(2), jwt, metrics, rateLimits: { viewer: 2, assessor: 2, admin: 2 } });
    const token = await mintToken(jwt, { sub: 'u2', role: 'viewer', facilities: ['*'] });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await app.request('/v1/facilities', { headers: { authorization: `Bearer ${token}` } })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(await metricValue(metrics, 'masterbus_api_requests_total', { route: '/v1/facilities', method: 'GET', status: '200' })).toBe(2);
    expect(await metricValue(metrics, 'masterbus_api_requests_total', { route: '/v1/facilities', method: 'GET', status: '429' })).toBe(1);
    expect(await metricValue(metrics, 'masterbus_api_rate_limit_rejections_total', { role: 'viewer', store: 'redis' })).toBe(1);
    expect(await metricValue(metrics, 'masterbus_api_request_duration_seconds_count', { route: '/v1/facilities', method: 'GET' })).toBe(3);
  });
});

describe('activity logs and worker metrics', () => {
  const ref: AssessmentRef = {
    assessmentId: 'asm_1',
    facilityId: 'fac-00042',
    workflowId: 'facility-assessment/fac-00042',
    runId: 'run-1',
    trigger: 'api',
    requestedBy: 'u',
    startToken: 't',
    requestedAt: Date.now(),
  };

  it('should log a failed Condoit fetch with the workflow id from the activity context and the facility id', async () => {
    const out = capture();
    const env = new MockActivityEnvironment(
      { workflowExecution: { workflowId: ref.workflowId, runId: ref.runId }, activityType: 'fetchFacilitySnapshot', attempt: 3 },
      { logger: temporalLogger(createLogger({ service: 'worker', level: 'info', destination: out.destination })) },
    );
    // The fetch records the run "running" first, then pages Condoit.
    const deps = {
      assessments: { ensure: async () => undefined, transition: async () => true },
      metrics: createWorkerMetrics(),
      condoit: {
        getFacility: async () => {
          throw new CondoitError('CondoitUnavailable', 'Condoit answered 503', true, 503);
        },
      },
    } as unknown as ActivityDeps;
    await expect(env.run(createActivities(deps).fetchFacilitySnapshot, ref)).rejects.toThrow(/503/);
    const line = out.lines().find((l) => l.msg === 'Condoit fetch failed');
    expect(line).toMatchObject({
      level: 'warn',
      workflowId: 'facility-assessment/fac-00042',
      facilityId: 'fac-00042',
      activityType: 'fetchFacilitySnapshot',
      attempt: 3,
      errorType: 'CondoitUnavailable',
      retryable: true,
    });
  });

  it('should count a final status once even when the activity is retried after it landed', async () => {
    const metrics = createWorkerMetrics();
    const out = capture();
    let final = false;
    const deps = {
      metrics,
      assessments: {
        ensure: async () => undefined,
        transition: async () => {
          if (final) return false;
          final = true;
          return true;
        },
      },
    } as unknown as ActivityDeps;
    const env = new MockActivityEnvironment(
      { workflowExecution: { workflowId: ref.workflowId, runId: ref.runId } },
      { logger: temporalLogger(createLogger({ service: 'worker', level: 'info', destination: out.destination })) },
    );
    const record = createActivities(deps).recordAssessmentStatus;
    const failed: StatusUpdate = { status: 'failed', phase: 'done', percent: 100, error: { code: 'CONDOIT_UNAVAILABLE', message: 'down' } };
    await env.run(record, ref, failed);
    await env.run(record, ref, failed);
    expect(await metricValue(metrics, 'masterbus_worker_assessments_total', { outcome: 'failed' })).toBe(1);
    expect(out.lines().filter((l) => l.msg === 'assessment failed')).toEqual([
      expect.objectContaining({ workflowId: ref.workflowId, facilityId: 'fac-00042', errorCode: 'CONDOIT_UNAVAILABLE' }),
    ]);
  });
});

describe('worker liveness probe', () => {
  it("should answer 200 only while the worker polls, 503 with the worker's state otherwise, beside /metrics", async () => {
    let state = 'STARTING';
    const app = metricsApp(createWorkerMetrics().registry, () => ({ ok: state === 'RUNNING', state }));
    expect((await app.request('/healthz')).status).toBe(503);
    state = 'RUNNING';
    const ok = await app.request('/healthz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', state: 'RUNNING' });
    state = 'DRAINING';
    const draining = await app.request('/healthz');
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ status: 'unavailable', state: 'DRAINING' });
    expect((await app.request('/metrics')).status).toBe(200);
    // The API's metrics listener has no probe of its own there (its /healthz is on the API port).
    expect((await metricsApp(createWorkerMetrics().registry).request('/healthz')).status).toBe(404);
  });
});
