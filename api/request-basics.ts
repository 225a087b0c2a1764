/**
 * What every request gets, in one middleware (one layer of Hono's chain instead of six): the server's request id
 * (a client's own X-Request-Id, when well-formed, kept beside it for correlation: a client could otherwise forge
 * or collide audit entries), its logger, the services, the response headers every answer carries
 * (api/response-headers.ts: X-Request-Id, hono/secure-headers' defaults), and — once answered — the request log
 * line and metrics.
 *
 * One JSON log line per request, carrying its request id (routes log through `c.get('log')`, which carries it
 * too), and the request counter and latency histogram. Labels use the route template, never the raw path, so a
 * scan of random ids cannot blow up the metrics' cardinality.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../observability/logger.js';
import type { ApiMetrics } from '../observability/api-metrics.js';
import type { ApiEnv } from './api-env.js';
import type { ApiServices } from './services/api-services.js';
import { applyResponseHeaders, defaultSecurityHeaders } from './response-headers.js';

const CLIENT_REQUEST_ID = /^[\w\-=.:]{1,128}$/;

export function requestBasics(services: ApiServices, logger: Logger, metrics?: ApiMetrics): MiddlewareHandler<ApiEnv> {
  let security: Readonly<Record<string, string>> | undefined;
  return async (c, next) => {
    const started = performance.now();
    security ??= await defaultSecurityHeaders();
    const requestId = randomUUID();
    const own = c.req.header('x-request-id');
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('clientRequestId', own && CLIENT_REQUEST_ID.test(own) ? own : null);
    c.set('services', services);
    c.set('log', log);
    c.set('responseHeaders', { 'X-Request-Id': requestId, ...security });
    try {
      await next();
    } finally {
      applyResponseHeaders(c);
      const seconds = (performance.now() - started) / 1000;
      const route = routePath(c, -1) || 'unmatched';
      const status = c.res.status;
      const method = c.req.method;
      metrics?.requests.inc({ route, method, status: String(status) });
      metrics?.latency.observe({ route, method }, seconds);
      // Probes and scrapes are frequent and uninteresting: debug; everything else: info (5xx also logged as errors).
      const path = c.req.path;
      const level = path === '/healthz' || path === '/readyz' ? 'debug' : 'info';
      log[level]({ method, path, route, status, durationMs: Math.round(seconds * 1000), subject: c.get('principal')?.subject }, 'request');
    }
  };
}
