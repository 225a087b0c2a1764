import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';

const MAX_PATH = 256;
const MAX_ID = 128;
/** A page is at most 200 items on every list route; more is never recorded. */
const MAX_RETURNED_IDS = 200;
const bounded = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);
const boundedOrNull = (s: string | null | undefined) => (s === null || s === undefined ? null : bounded(s, MAX_ID));

export interface AuditMiddlewareOptions {
  /** Counted when a request is refused because the audit buffer is past its high-water mark. */
  onRefused?: () => void;
  /** Counted (by status) for every request answered without an authenticated principal: those are not stored. */
  onUnauthenticated?: (status: number) => void;
}

/**
 * Records every authenticated request (after it is answered) with who, what, which facility, what a list returned,
 * and the outcome. Requests without a principal (bad or missing tokens, the OpenAPI document) are counted in
 * metrics, not stored: a flood of them cannot fill the log. While the audit log cannot take more (past its
 * high-water mark) new requests are refused with 503 before anything is read.
 */
export function audit(o: AuditMiddlewareOptions = {}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const log = c.get('services').audit;
    if (log?.accepting === false) {
      o.onRefused?.();
      c.header('Retry-After', '5');
      throw new ApiError(
        'SERVICE_UNAVAILABLE',
        'The audit log cannot record requests right now',
        'Retry shortly; nothing was read or changed',
      );
    }
    const started = performance.now();
    try {
      await next();
    } finally {
      const principal = c.get('principal') as ApiEnv['Variables']['principal'] | undefined;
      if (!principal) o.onUnauthenticated?.(c.res.status);
      else {
        const returned = c.get('auditReturnedIds');
        log?.record({
          at: new Date(),
          request_id: c.get('requestId'),
          client_request_id: c.get('clientRequestId') ?? null,
          subject: bounded(principal.subject, MAX_ID),
          role: principal.role,
          method: c.req.method,
          // Every stored field is bounded: a request cannot make its entry large.
          route: bounded(routePath(c, -1) || c.req.path, MAX_PATH),
          path: bounded(c.req.path, MAX_PATH),
          facility_id: boundedOrNull(
            c.get('auditFacilityId') ?? /\/facilities\/([^/]+)/.exec(c.req.path)?.[1] ?? c.req.query('facility_id'),
          ),
          assessment_id: boundedOrNull(/\/assessments\/([^/]+)/.exec(c.req.path)?.[1]),
          returned_ids: returned ? returned.slice(0, MAX_RETURNED_IDS).map((id) => bounded(id, MAX_ID)) : null,
          status: c.res.status,
          duration_ms: Math.round(performance.now() - started),
        });
      }
    }
  };
}
