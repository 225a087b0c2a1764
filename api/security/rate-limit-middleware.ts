import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import type { Role } from '../../contract/claims.js';
import type { RateDecision } from './rate-limiter.js';
import { setResponseHeader } from '../response-headers.js';

/** Per-client limits by role (requests per minute); headers on every response, 429 with Retry-After. */
export function rateLimit(
  limits: Record<Role, number>,
  onReject: (role: Role, store: RateDecision['store']) => void = () => {},
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const decision = await c.get('services').rateLimiter.check(`sub:${principal.subject}`, limits[principal.role]);
    setResponseHeader(c, 'X-RateLimit-Limit', String(decision.limit));
    setResponseHeader(c, 'X-RateLimit-Remaining', String(decision.remaining));
    setResponseHeader(c, 'X-RateLimit-Reset', String(decision.resetAt));
    if (!decision.allowed) {
      onReject(principal.role, decision.store);
      const retryAfter = Math.max(1, decision.resetAt - Math.floor(Date.now() / 1000));
      setResponseHeader(c, 'Retry-After', String(retryAfter));
      throw new ApiError('RATE_LIMITED', `Rate limit of ${decision.limit} requests per minute exceeded`, `Retry after ${retryAfter} s`);
    }
    await next();
  };
}
