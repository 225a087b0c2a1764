import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ApiEnv } from '../api-env.js';

const MAX_PATH = 256;
const MAX_ID = 128;
const bounded = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);
const boundedOrNull = (s: string | null) => (s === null ? null : bounded(s, MAX_ID));

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
        client_request_id: c.get('clientRequestId') ?? null,
        subject: principal?.subject ?? null,
        role: principal?.role ?? null,
        method: c.req.method,
        // Every stored field is bounded: a request cannot make its entry large.
        route: bounded(routePath(c, -1) || c.req.path, MAX_PATH),
        path: bounded(c.req.path, MAX_PATH),
        facility_id: boundedOrNull(/\/facilities\/([^/]+)/.exec(c.req.path)?.[1] ?? c.req.query('facility_id') ?? null),
        assessment_id: boundedOrNull(/\/assessments\/([^/]+)/.exec(c.req.path)?.[1] ?? null),
        status: c.res.status,
        duration_ms: Math.round(performance.now() - started),
      });
    }
  };
}
