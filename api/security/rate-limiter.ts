/**
 * Fixed-window rate limiting shared by every API replica through Redis: one atomic Lua script increments the
 * client's counter for the current window and sets its expiry on first use.
 *
 * If Redis is unreachable the limiter does not fail open or closed outright: it falls back to a per-replica
 * in-process window with the same limit. Reads stay available (Redis is a cache and limiter, not a source of
 * truth), abuse is still bounded (at most limit × replicas per window), and /readyz reports Redis as degraded.
 */
import type { RedisClient } from '../../cache/redis.js';

const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {n, ttl}
`;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  resetAt: number;
  /** Which store decided: 'redis', or 'local' while Redis is unavailable. */
  store: 'redis' | 'local';
}

export interface RateLimiter {
  check(clientKey: string, limit: number): Promise<RateDecision>;
}

export class RedisRateLimiter implements RateLimiter {
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly windowMs = 60_000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async check(clientKey: string, limit: number): Promise<RateDecision> {
    const now = Date.now();
    const window = Math.floor(now / this.windowMs);
    const key = `${this.prefix}rl:${clientKey}:${window}`;
    try {
      const [count, ttl] = (await this.redis.eval(SCRIPT, { keys: [key], arguments: [String(this.windowMs)] })) as [number, number];
      return this.decide(count, limit, now + Math.max(0, ttl), 'redis');
    } catch (err) {
      this.onError(err);
      const resetAt = (window + 1) * this.windowMs;
      const entry = this.local.get(clientKey);
      const current = entry && entry.resetAt === resetAt ? entry : { count: 0, resetAt };
      current.count += 1;
      this.local.set(clientKey, current);
      if (this.local.size > 10_000) for (const [k, v] of this.local) if (v.resetAt <= now) this.local.delete(k);
      return this.decide(current.count, limit, resetAt, 'local');
    }
  }

  private decide(count: number, limit: number, resetAtMs: number, store: 'redis' | 'local'): RateDecision {
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt: Math.ceil(resetAtMs / 1000), store };
  }
}
