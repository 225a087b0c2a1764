/**
 * The OpenTelemetry SDK, loaded by startTracing() only when tracing is on: one tracer provider per process,
 * registered globally (AsyncLocalStorage context, W3C trace-context propagation), batching spans to the collector
 * over OTLP/HTTP, plus Temporal's interceptors wired to it.
 */
import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client/index.js';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker/index.js';
import { activitySpanAttributes } from './activity-span-attributes.js';
import type { Logger } from './logger.js';
import type { Tracing, TracingSettings } from './tracing.js';

export function startTracingSdk(settings: TracingSettings, logger: Logger): Tracing {
  const log = logger.child({ component: 'opentelemetry' });
  // The SDK reports failed exports (collector down, refused) through its diagnostic logger: into ours, as warnings.
  diag.setLogger(
    {
      error: (m, ...a) => log.warn({ args: a.map(String) }, m),
      warn: (m, ...a) => log.warn({ args: a.map(String) }, m),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );
  const resource = new Resource({ 'service.name': settings.serviceName, 'service.namespace': 'masterbus' });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }), {
    scheduledDelayMillis: settings.scheduleDelayMs,
  });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
  const tracer = provider.getTracer('masterbus');
  log.info({ tracesUrl: settings.tracesUrl, serviceName: settings.serviceName }, `tracing on: spans to ${settings.tracesUrl}`);
  return {
    settings,
    tracer,
    workflowClientInterceptors: [new OpenTelemetryWorkflowClientInterceptor({ tracer })],
    activityInterceptors: [
      // Outermost first: the RunActivity span exists by the time our interceptor names its facility and assessment.
      (ctx) => ({
        inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }),
        outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
      () => ({ inbound: activitySpanAttributes() }),
    ],
    workflowSpanSinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      diag.disable();
    },
  };
}
