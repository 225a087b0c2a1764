import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import type { Role } from '../../contract/claims.js';
import type { RateDecision } from './rate-limiter.js';

/** Per-client limits by role (requests per minute); headers on every response, 429 with Retry-After. */
export function rateLimit(
  limits: Record<Role, number>,
  onReject: (role: Role, store: RateDecision['store']) => void = () => {},
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const decision = await c.get('services').rateLimiter.check(`sub:${principal.subject}`, limits[principal.role]);
    c.header('X-RateLimit-Limit', String(decision.limit));
    c.header('X-RateLimit-Remaining', String(decision.remaining));
    c.header('X-RateLimit-Reset', String(decision.resetAt));
    if (!decision.allowed) {
      onReject(principal.role, decision.store);
      const retryAfter = Math.max(1, decision.resetAt - Math.floor(Date.now() / 1000));
      c.header('Retry-After', String(retryAfter));
      throw new ApiError('RATE_LIMITED', `Rate limit of ${decision.limit} requests per minute exceeded`, `Retry after ${retryAfter} s`);
    }
    await next();
  };
}
