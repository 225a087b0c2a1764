/**
 * OpenTelemetry tracing across the real API and worker processes, exporting over OTLP/HTTP to a loopback receiver.
 * Two pairs run side by side on their own task queues: one with tracing on (the worker on the pre-built workflow
 * bundle, as production runs it), one with tracing off (the API told OTEL_SDK_DISABLED=true although it has an
 * endpoint; the worker given none, the default). On: one trace links the API's request span, the workflow start
 * and run and every activity, parent to child, naming the facility. Off: nothing reaches the receiver, no SDK
 * starts, and the workflow start carries no trace header.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { mintToken } from '../../contract/mint-token.js';
import { dataConverterFrom } from '../../codec/payload-keys.js';
import { createSimulator } from '../../condoit/simulator/server.js';
import { defaultShape } from '../../condoit/simulator/generator.js';
import { parseEnv } from '../../config/env.js';
import { projectRoot, tsxBin } from '../../devstack/paths.js';
import { serveApp, type RunningServer } from '../../http/serve-app.js';
import { workerTracingOptions } from '../../observability/tracing.js';
import { connectMongo } from '../../store/mongo.js';
import { testJwt } from '../support/harness.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { appEnv, writeTemporalConfig } from '../../devstack/app-env.js';
import { freePort, spawnApp, type AppProcess } from '../../devstack/app-process.js';
import { uniqueSuffix } from '../support/test-names.js';

const stack = inject('stack');
const suffix = uniqueSuffix();
const db = `mbtest_${suffix}`;
const tracedFacility = 'fac-00001';
const untracedFacility = 'fac-00002';
// The happy path's two activities (the run's status and the cache warm-up happen inside them).
const activityTypes = ['fetchFacilitySnapshot', 'scoreFacilitySnapshot'];
const dataConverter = dataConverterFrom(parseEnv({ MASTERBUS_PROFILE: 'test' }));

let sim: RunningServer;
let receiver: OtlpReceiver;
let offReceiver: OtlpReceiver;
let workDir: string;
let bundlePath: string;
const pairs: Record<'on' | 'off', { api: AppProcess; worker: AppProcess; url: string; scheduleId: string }> = {} as never;
let assessor: string;

async function startPair(name: 'on' | 'off', api: Record<string, string>, worker: Record<string, string>) {
  const scheduleId = `mbtest-trace-${name}-${suffix}`;
  const port = await freePort();
  const env = appEnv({
    services: { ...stack, condoit: sim.url },
    database: db,
    keyPrefix: `mbtest:${suffix}:${name}:`,
    jwt: testJwt,
    apiPort: port,
    workflowBundle: bundlePath,
    temporalConfig: writeTemporalConfig(join(workDir, `temporal.${name}.yaml`), (c) => {
      c.taskQueues.assessments = `mbtest-trace-${name}-${suffix}`;
      c.portfolioSchedule.id = scheduleId;
    }),
  });
  const [apiProcess, workerProcess] = await Promise.all([
    spawnApp('api', { ...env, ...api }),
    spawnApp('worker', { ...env, ...worker }, { readyTimeoutMs: 120_000 }),
  ]);
  pairs[name] = { api: apiProcess, worker: workerProcess, url: `http://127.0.0.1:${port}`, scheduleId };
}

async function assess(name: 'on' | 'off', facility: string): Promise<{ requestId: string; assessmentId: string }> {
  const { url } = pairs[name];
  const started = await fetch(`${url}/v1/facilities/${facility}/assessments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${assessor}` },
  });
  expect(started.status).toBe(202);
  const { assessment_id } = (await started.json()) as { assessment_id: string };
  const deadline = Date.now() + 120_000;
  for (;;) {
    const body = (await (
      await fetch(`${url}/v1/assessments/${assessment_id}`, { headers: { authorization: `Bearer ${assessor}` } })
    ).json()) as { status: string };
    if (body.status === 'completed') break;
    if (body.status === 'failed' || Date.now() > deadline) throw new Error(`assessment ended ${body.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { requestId: started.headers.get('x-request-id')!, assessmentId: assessment_id };
}

async function spansUntil(found: (spans: ReceivedSpan[]) => boolean, timeoutMs = 30_000): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + timeoutMs;
  while (!found(receiver.spans)) {
    if (Date.now() > deadline)
      throw new Error(`spans never arrived; received: ${receiver.spans.map((s) => `${s.service}:${s.name}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return receiver.spans;
}

async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: stack.temporal });
  try {
    return await fn(new Client({ connection, namespace: stack.namespace, dataConverter }));
  } finally {
    await connection.close();
  }
}

beforeAll(async () => {
  sim = await serveApp(
    createSimulator({ shape: { ...defaultShape, facilityCount: 3, equipmentMin: 5, equipmentMax: 10 }, knobs: {} }).app.fetch,
  );
  [receiver, offReceiver] = await Promise.all([startOtlpReceiver(), startOtlpReceiver()]);
  workDir = mkdtempSync(join(tmpdir(), 'mb-trace-'));
  // The production path: the pre-built bundle, made by the same script the Docker image runs.
  bundlePath = join(workDir, 'workflow-bundle.js');
  execFileSync(tsxBin, ['scripts/bundle-workflows.ts', bundlePath], { cwd: projectRoot, stdio: 'ignore' });
  await startPair(
    'on',
    { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' },
    { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' },
  );
  await startPair(
    'off',
    { OTEL_EXPORTER_OTLP_ENDPOINT: offReceiver.url, OTEL_SDK_DISABLED: 'true', OTEL_BSP_SCHEDULE_DELAY: '200' },
    { OTEL_SERVICE_NAME: 'masterbus-worker-untraced' },
  );
  assessor = await mintToken(testJwt, { sub: 'trace-assessor', role: 'assessor', facilities: ['*'] });
});

afterAll(async () => {
  await Promise.all(Object.values(pairs).flatMap((p) => [p.api.stop(), p.worker.stop()]));
  await withClient(async (client) => {
    for (const p of Object.values(pairs))
      await client.schedule
        .getHandle(p.scheduleId)
        .delete()
        .catch(() => undefined);
  }).catch(() => undefined);
  const mongo = await connectMongo(stack.mongodb, db);
  await mongo.db.dropDatabase().catch(() => undefined);
  await mongo.close();
  await Promise.all([sim?.close(), receiver?.close(), offReceiver?.close()]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('tracing on', () => {
  let started: { requestId: string; assessmentId: string };
  let trace: ReceivedSpan[];
  const one = (name: string) => {
    const found = trace.filter((s) => s.name === name);
    expect(
      found.map((s) => s.name),
      name,
    ).toEqual([name]);
    return found[0]!;
  };

  beforeAll(async () => {
    started = await assess('on', tracedFacility);
    const apiSpan = (spans: ReceivedSpan[]) => spans.find((s) => s.attributes['masterbus.request_id'] === started.requestId);
    const spans = await spansUntil((all) => {
      const root = apiSpan(all);
      const inTrace = root ? all.filter((s) => s.traceId === root.traceId) : [];
      return (
        inTrace.some((s) => s.name === 'RunWorkflow:assessFacility') &&
        activityTypes.every((t) => inTrace.some((s) => s.name === `RunActivity:${t}`))
      );
    });
    trace = spans.filter((s) => s.traceId === apiSpan(spans)!.traceId);
  });

  it("should start the trace with the API's server span for the start request, carrying the route, status, request id and facility", () => {
    const root = one('POST /v1/facilities/:facility_id/assessments');
    expect(root).toMatchObject({ service: 'masterbus-api', kind: 2, parentSpanId: undefined });
    expect(root.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/facilities/:facility_id/assessments',
      'http.response.status_code': 202,
      'masterbus.request_id': started.requestId,
      'masterbus.facility_id': tracedFacility,
      'masterbus.assessment_id': started.assessmentId,
    });
  });

  it('should link API → workflow start → workflow run → activity start → activity run, parent to child, in one trace', () => {
    const root = one('POST /v1/facilities/:facility_id/assessments');
    const start = one('StartWorkflow:assessFacility');
    const run = one('RunWorkflow:assessFacility');
    expect(start).toMatchObject({ service: 'masterbus-api', parentSpanId: root.spanId });
    expect(run).toMatchObject({ service: 'masterbus-worker', parentSpanId: start.spanId });
    for (const type of activityTypes) {
      const scheduled = trace.filter((s) => s.name === `StartActivity:${type}`);
      const executed = trace.filter((s) => s.name === `RunActivity:${type}`);
      expect(scheduled.length, type).toBeGreaterThan(0);
      // One RunActivity per attempt: at least one for every StartActivity.
      for (const s of scheduled) {
        expect(s.parentSpanId, type).toBe(run.spanId);
        expect(
          executed.some((e) => e.parentSpanId === s.spanId),
          type,
        ).toBe(true);
      }
      for (const e of executed) {
        expect(e.service).toBe('masterbus-worker');
        expect(
          scheduled.map((s) => s.spanId),
          type,
        ).toContain(e.parentSpanId);
      }
    }
    // Nothing in the trace hangs off a span that is not in it.
    const ids = new Set(trace.map((s) => s.spanId));
    for (const s of trace.filter((x) => x !== root)) expect(ids.has(s.parentSpanId!), s.name).toBe(true);
  });

  it('should name the facility and the assessment on the workflow and activity spans', () => {
    const worker = trace.filter((s) => s.service === 'masterbus-worker');
    expect(worker.length).toBeGreaterThanOrEqual(1 + 2 * activityTypes.length);
    for (const s of worker) expect(s.attributes['masterbus.facility_id'], s.name).toBe(tracedFacility);
    expect(one('RunWorkflow:assessFacility').attributes['masterbus.assessment_id']).toBe(started.assessmentId);
    for (const s of worker.filter((x) => !/Activity:emitWebhookEvents$/.test(x.name)))
      expect(s.attributes['masterbus.assessment_id'], s.name).toBe(started.assessmentId);
  });

  it("should carry the trace context in the workflow's start event, and the run should replay on the pre-built bundle", async () => {
    const history = await withClient((client) =>
      client.workflow.getHandle(`facility-assessment/${tracedFacility}`, started.assessmentId.slice(4)).fetchHistory(),
    );
    expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.header?.fields?.['_tracer-data']).toBeTruthy();
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: bundlePath }, dataConverter, sinks: workerTracingOptions(null).sinks },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it("should continue a caller's W3C traceparent", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${pairs.on.url}/v1/assessments/${started.assessmentId}`, {
      headers: { authorization: `Bearer ${assessor}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    const [span] = (await spansUntil((all) => all.some((s) => s.attributes['masterbus.request_id'] === requestId))).filter(
      (s) => s.attributes['masterbus.request_id'] === requestId,
    );
    expect(span).toMatchObject({ name: 'GET /v1/assessments/:assessment_id', traceId, parentSpanId: '00f067aa0ba902b7' });
    expect(span!.attributes['masterbus.assessment_id']).toBe(started.assessmentId);
  });
});

describe('tracing off', () => {
  let started: { requestId: string; assessmentId: string };

  beforeAll(async () => {
    started = await assess('off', untracedFacility);
  });

  it('should send nothing and start no SDK, even with an endpoint configured', async () => {
    // Longer than the batch delay the exporter would have used.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(offReceiver.requests).toEqual([]);
    expect(
      receiver.spans.filter((s) => s.service === 'masterbus-worker-untraced' || s.attributes['masterbus.facility_id'] === untracedFacility),
    ).toEqual([]);
    for (const p of [pairs.off.api, pairs.off.worker]) {
      const lines = p.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => /^(polling|listening on) /.test(String(l.msg)))).toMatchObject({ tracing: 'off' });
      expect(lines.filter((l) => l.component === 'opentelemetry')).toEqual([]);
    }
  });

  it('should start the workflow without a trace header, and the bundled interceptors should leave it untraced (no sink errors)', async () => {
    const history = await withClient((client) =>
      client.workflow.getHandle(`facility-assessment/${untracedFacility}`, started.assessmentId.slice(4)).fetchHistory(),
    );
    expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.header?.fields?.['_tracer-data']).toBeUndefined();
    expect(pairs.off.worker.stdout.filter((l) => l.includes('unregistered external sink') || l.includes('"level":"error"'))).toEqual([]);
  });
});
