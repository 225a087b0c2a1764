import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../observability/logger.js';
import type { ApiMetrics } from '../observability/api-metrics.js';
import type { ApiEnv } from './api-env.js';

/**
 * One JSON log line per request, carrying its request id (routes log through `c.get('log')`, which carries it
 * too), and the request counters and latency histogram. Labels use the route template, never the raw path, so a
 * scan of random ids cannot blow up the metrics' cardinality.
 */
export function observeRequests(logger: Logger, metrics?: ApiMetrics): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const route = routePath(c, -1) || 'unmatched';
      const status = c.res.status;
      metrics?.requests.inc({ route, method: c.req.method, status: String(status) });
      metrics?.latency.observe({ route, method: c.req.method }, seconds);
      // Probes and scrapes are frequent and uninteresting: debug; everything else: info (5xx also logged as errors).
      const level = c.req.path === '/healthz' || c.req.path === '/readyz' ? 'debug' : 'info';
      log[level](
        {
          method: c.req.method,
          path: c.req.path,
          route,
          status,
          durationMs: Math.round(seconds * 1000),
          subject: c.get('principal')?.subject,
        },
        'request',
      );
    }
  };
}
