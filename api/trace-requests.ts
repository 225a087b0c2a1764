import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ApiEnv } from './api-env.js';
import { spanAttr } from '../observability/span-attributes.js';

const fromHeaders: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * A SERVER span per request, named by its route template (`POST /v1/facilities/:facility_id/assessments`), with
 * the request id, the status and the facility / assessment the path names. A caller's W3C `traceparent` is
 * continued; everything the request does (a Temporal start above all) runs inside the span's context.
 */
export function traceRequests(tracer: Tracer): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, fromHeaders);
    const span = tracer.startSpan(
      c.req.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path, [spanAttr.requestId]: c.get('requestId') },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      // After next(): the matched route and its parameters are the handler's, not this middleware's.
      const route = routePath(c, -1) || 'unmatched';
      span.updateName(`${c.req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': c.res.status });
      const facilityId = c.req.param('facility_id');
      if (facilityId) span.setAttribute(spanAttr.facilityId, facilityId);
      const assessmentId = c.req.param('assessment_id') ?? /\/v1\/assessments\/([^/?]+)$/.exec(c.res.headers.get('location') ?? '')?.[1];
      if (assessmentId) span.setAttribute(spanAttr.assessmentId, assessmentId);
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
