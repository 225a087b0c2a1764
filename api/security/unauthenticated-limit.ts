import type { Context } from 'hono';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { clientAddress } from './client-address.js';

export interface UnauthenticatedLimitOptions {
  /** Requests per minute per client address that carry no valid token (default 60). */
  perMinute: number;
  /** Reverse proxies in front of the API that append to X-Forwarded-For (0: the TCP peer is the client). */
  trustedProxyHops: number;
  /** Counted for every refusal. */
  onRefused?: () => void;
}

/**
 * The budget of requests without a valid token, per client address, shared across replicas through the same
 * Redis limiter as authenticated clients (keys `addr:…`, which no token's subject can take: theirs are `sub:…`).
 * `count` is called for every such request — a refused token, a missing one, the public OpenAPI document — and
 * throws 429 once the address has spent its budget, in place of whatever the request would have been answered.
 * Nothing about these requests is stored (the audit log keeps authenticated requests only).
 */
export function unauthenticatedLimit(o: UnauthenticatedLimitOptions) {
  return async function count(c: Context<ApiEnv>): Promise<void> {
    const address = clientAddress(c, o.trustedProxyHops);
    const decision = await c.get('services').rateLimiter.check(`addr:${address}`, o.perMinute);
    if (decision.allowed) return;
    o.onRefused?.();
    const retryAfter = Math.max(1, decision.resetAt - Math.floor(Date.now() / 1000));
    c.header('Retry-After', String(retryAfter));
    throw new ApiError(
      'RATE_LIMITED',
      `Too many requests without a valid token from this address (limit ${decision.limit} per minute)`,
      `Retry after ${retryAfter} s`,
    );
  };
}
