/**
 * Optional OpenTelemetry tracing, switched on by OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 * and off by default. Off costs nothing: the SDK is never loaded (it is imported only when tracing starts), no
 * provider is registered, no interceptor or middleware is installed and Temporal calls carry no trace header.
 */
import type { Tracer } from '@opentelemetry/api';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions.js';
import type { Env } from '../config/env.js';
import type { Logger } from './logger.js';

export interface TracingSettings {
  /** Where the OTLP/HTTP exporter POSTs spans (JSON encoding). */
  tracesUrl: string;
  serviceName: string;
  /** How long finished spans wait in the batch before they are sent. */
  scheduleDelayMs: number;
}

type TracingEnv = Pick<
  Env,
  | 'OTEL_EXPORTER_OTLP_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
  | 'OTEL_SERVICE_NAME'
  | 'OTEL_SDK_DISABLED'
  | 'OTEL_BSP_SCHEDULE_DELAY'
>;

/** The tracing configuration the environment asks for, or null when tracing is off. */
export function tracingSettings(env: TracingEnv, defaultServiceName: string): TracingSettings | null {
  if (env.OTEL_SDK_DISABLED) return null;
  // As the OTLP specification says: the signal-specific URL is used as is, the base URL gets /v1/traces appended.
  const tracesUrl =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!tracesUrl) return null;
  return { tracesUrl, serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName, scheduleDelayMs: env.OTEL_BSP_SCHEDULE_DELAY };
}

/** A started tracer provider and what the API and the worker plug into Hono and Temporal. */
export interface Tracing {
  settings: TracingSettings;
  tracer: Tracer;
  /** For the API's Temporal client: a span per start, its context carried to the workflow in a header. */
  workflowClientInterceptors: WorkflowClientInterceptor[];
  /** For the worker: a span per activity execution, child of the workflow's StartActivity span. */
  activityInterceptors: ActivityInterceptorsFactory[];
  /** The sink through which the workflow sandbox hands its finished spans to this process's exporter. */
  workflowSpanSinks: InjectedSinks<OpenTelemetrySinks>;
  /** Sends what is still batched, then unregisters the provider. */
  shutdown(): Promise<void>;
}

/** Starts tracing when the settings say so (loading the SDK only then); null when tracing is off. */
export async function startTracing(settings: TracingSettings | null, logger: Logger): Promise<Tracing | null> {
  if (!settings) return null;
  const { startTracingSdk } = await import('./tracing-sdk.js');
  return startTracingSdk(settings, logger);
}

/**
 * What the worker adds to its options. The workflow interceptors are always in the bundle (workflows/
 * tracing-interceptors.ts) but trace only runs started with a trace header; should such a run reach a worker with
 * tracing off, its spans go to a sink that drops them, rather than to a missing sink that logs an error per span.
 */
export function workerTracingOptions(tracing: Tracing | null): {
  interceptors: { activity: ActivityInterceptorsFactory[] };
  sinks: InjectedSinks<OpenTelemetrySinks>;
} {
  if (tracing) return { interceptors: { activity: tracing.activityInterceptors }, sinks: tracing.workflowSpanSinks };
  return { interceptors: { activity: [] }, sinks: { exporter: { export: { fn: () => undefined } } } };
}
