import { propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { describe, expect, it } from 'vitest';
import type { ApiEnv } from '../../api/api-env.js';
import { EnvError, parseEnv } from '../../config/env.js';
import { createLogger } from '../../observability/logger.js';
import { idsOfArgument } from '../../observability/span-attributes.js';
import { traceRequests } from '../../api/trace-requests.js';
import { startTracing, tracingSettings, workerTracingOptions } from '../../observability/tracing.js';

const settingsFor = (vars: Record<string, string>) => tracingSettings(parseEnv(vars), 'masterbus-api');

describe('tracing settings', () => {
  it('should be off by default, and a service name alone should not switch it on', () => {
    expect(settingsFor({})).toBeNull();
    expect(settingsFor({ OTEL_SERVICE_NAME: 'api-eu' })).toBeNull();
  });

  it('should send to <endpoint>/v1/traces, or to the traces endpoint as given', () => {
    expect(settingsFor({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: 'masterbus-api',
      scheduleDelayMs: 5000,
    });
    expect(
      settingsFor({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp',
        OTEL_SERVICE_NAME: 'api-eu',
        OTEL_BSP_SCHEDULE_DELAY: '250',
      }),
    ).toEqual({ tracesUrl: 'https://traces.example.com/otlp', serviceName: 'api-eu', scheduleDelayMs: 250 });
  });

  it('should stay off with OTEL_SDK_DISABLED=true even when an endpoint is set', () => {
    expect(settingsFor({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBeNull();
  });

  it('should refuse an endpoint that is not a URL, naming the variable', () => {
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(EnvError);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it('should start nothing when off: no provider registered, no propagator, no worker interceptor, a sink that drops', async () => {
    expect(await startTracing(null, createLogger({ service: 'api', level: 'silent' }))).toBeNull();
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    expect(propagation.fields()).toEqual([]);
    const worker = workerTracingOptions(null);
    expect(worker.interceptors.activity).toEqual([]);
    expect(Object.keys(worker.sinks)).toEqual(['exporter']);
  });
});

describe('traceRequests', () => {
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('test');
  const app = new Hono<ApiEnv>();
  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', traceRequests(tracer));
  app.post('/v1/facilities/:facility_id/assessments', (c) => c.body(null, 202, { location: '/v1/assessments/asm_123' }));
  app.get('/v1/broken', () => {
    throw new Error('boom');
  });
  app.onError((_err, c) => c.json({ error: {} }, 500));
  const spanOf = async (res: Response) =>
    exporter.getFinishedSpans().find((s) => s.attributes['masterbus.request_id'] === res.headers.get('x-request-id'))!;

  it('should make a server span named by the route template, with status, request id, facility and the started assessment', async () => {
    const res = await app.request('/v1/facilities/fac-00042/assessments', { method: 'POST' });
    const span = await spanOf(res);
    expect(span.name).toBe('POST /v1/facilities/:facility_id/assessments');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toMatchObject({
      'http.route': '/v1/facilities/:facility_id/assessments',
      'http.response.status_code': 202,
      'url.path': '/v1/facilities/fac-00042/assessments',
      'masterbus.facility_id': 'fac-00042',
      'masterbus.assessment_id': 'asm_123',
    });
  });

  it('should mark a 5xx answer as an error, and never name a span by a raw path', async () => {
    expect((await spanOf(await app.request('/v1/broken'))).status.code).toBe(SpanStatusCode.ERROR);
    const unmatched = await spanOf(await app.request('/v1/nothing/here/123'));
    expect(unmatched.name).toMatch(/^GET /);
    expect(unmatched.name).not.toContain('/v1/nothing/here/123');
  });
});

describe('idsOfArgument', () => {
  it('should take the facility, assessment and portfolio-run ids from a reference and ignore anything else', () => {
    expect(idsOfArgument({ facilityId: 'fac-1', assessmentId: 'asm_1', workflowId: 'w' })).toEqual({
      'masterbus.facility_id': 'fac-1',
      'masterbus.assessment_id': 'asm_1',
    });
    expect(idsOfArgument({ portfolioRunId: 'prt_1' })).toEqual({ 'masterbus.portfolio_run_id': 'prt_1' });
    expect(idsOfArgument('fac-1')).toEqual({});
    expect(idsOfArgument(null)).toEqual({});
  });
});
