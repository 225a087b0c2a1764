import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ApiEnv } from '../api-env.js';

/** Records every /v1 request (after it is answered) with who, what, which facility, and the outcome. */
export function audit(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const principal = c.get('principal') as ApiEnv['Variables']['principal'] | undefined;
      c.get('services').audit?.record({
        at: new Date(),
        request_id: c.get('requestId'),
        subject: principal?.subject ?? null,
        role: principal?.role ?? null,
        method: c.req.method,
        route: routePath(c, -1) || c.req.path,
        path: c.req.path,
        facility_id: /\/facilities\/([^/]+)/.exec(c.req.path)?.[1] ?? c.req.query('facility_id') ?? null,
        assessment_id: /\/assessments\/([^/]+)/.exec(c.req.path)?.[1] ?? null,
        status: c.res.status,
        duration_ms: Math.round(performance.now() - started),
      });
    }
  };
}
