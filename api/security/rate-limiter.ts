/**
 * Fixed-window rate limiting shared by every API replica through Redis. Each client's window has one counter in
 * Redis; every admitted request holds a distinct number of that counter (its "token"), and a request is admitted
 * only if its token is ≤ the limit — so all replicas together never admit more than the limit per window.
 *
 * Replicas take tokens in leases rather than one per request: one atomic Lua script adds n to the counter and
 * returns the new total T, and the replica owns tokens T−n+1 … T, which it hands to that client's next requests
 * without another round trip. A lease covers the client's requests waiting for it; only while the client has had
 * requests waiting at the same time on this replica (in the last CONCURRENCY_MEMORY_MS) does it also cover about
 * LEASE_HORIZON_MS of the client's recent rate — at most MAX_LEASE, and at most half of what the replica last saw
 * left of the limit. A client sending one request at a time thus gets leases of 1: one Redis call per request,
 * exactly a shared per-request counter. A busy client costs one Redis call per lease, not per request. Once a
 * replica has seen the counter reach the limit it refuses that client locally until the window ends.
 *
 * Accuracy: never more than the limit per window across replicas. A token leased by one replica and not yet used
 * is unavailable to the others, so a busy client spread over R replicas may be refused early by up to (R − 1)
 * unused leases — about 100 ms of its own traffic each, and nothing for a client whose requests all reach one
 * replica or that sends them one at a time. Tokens leased and unused when the window ends are not used.
 *
 * If Redis is unreachable the limiter does not fail open or closed outright: it falls back to a per-replica
 * in-process window with the same limit. Reads stay available (Redis is a cache and limiter, not a source of
 * truth), abuse is still bounded (at most limit × replicas per window), and /readyz reports Redis as degraded.
 */
import type { RedisClient } from '../../cache/redis.js';

/** Adds ARGV[2] to the window's counter (setting its expiry on first use); returns the new total and its TTL. */
const LEASE_SCRIPT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

/** A lease covers about this much of the client's recent traffic on this replica. */
const LEASE_HORIZON_MS = 100;
const MAX_LEASE = 1_000;
/** How long a client counts as sending concurrent requests after two of them last waited at once. */
const CONCURRENCY_MEMORY_MS = 1_000;
/** Per-client state kept per replica before windows that have ended are swept. */
const MAX_TRACKED_CLIENTS = 10_000;

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

interface Waiter {
  limit: number;
  resolve(d: RateDecision): void;
}

/** One client's window as this replica sees it. */
interface ClientWindow {
  window: number;
  /** Next token of the current lease to hand out, and the lease's last token (next > last: nothing left). */
  next: number;
  last: number;
  /** The counter's highest value this replica has seen (what other replicas took is counted in it). */
  seen: number;
  resetAtMs: number;
  leasing: boolean;
  waiting: Waiter[];
  /** Tokens handed out since `since`, to size the next lease. */
  handedOut: number;
  since: number;
  /** When two or more of the client's requests last waited for a lease at once. */
  concurrentAt: number;
}

export class RedisRateLimiter implements RateLimiter {
  private readonly clients = new Map<string, ClientWindow>();
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  /** Redis round trips made (leases requested), for tests and diagnostics. */
  leases = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly windowMs = 60_000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  check(clientKey: string, limit: number): Promise<RateDecision> {
    const now = Date.now();
    const window = Math.floor(now / this.windowMs);
    let w = this.clients.get(clientKey);
    if (!w || w.window !== window) {
      // A lease still in flight for the previous window serves its own waiters from its own state object.
      w = {
        window,
        next: 1,
        last: 0,
        seen: 0,
        resetAtMs: (window + 1) * this.windowMs,
        leasing: false,
        waiting: [],
        handedOut: 0,
        since: now,
        concurrentAt: -Infinity,
      };
      this.clients.set(clientKey, w);
      if (this.clients.size > MAX_TRACKED_CLIENTS) this.sweep(window);
    }
    if (w.next <= w.last) return Promise.resolve(this.take(w, limit));
    // The counter only grows: once it has reached the limit, no token ≤ limit can come this window.
    if (w.seen >= limit) return Promise.resolve(this.decide(limit + 1, limit, w.resetAtMs, 'redis'));
    return new Promise<RateDecision>((resolve) => {
      w.waiting.push({ limit, resolve });
      if (w.waiting.length > 1) w.concurrentAt = now;
      if (!w.leasing) void this.lease(clientKey, w);
    });
  }

  private take(w: ClientWindow, limit: number): RateDecision {
    const token = w.next++;
    w.handedOut += 1;
    return this.decide(token, limit, w.resetAtMs, 'redis');
  }

  private leaseSize(w: ClientWindow, limit: number, now: number): number {
    if (now - w.concurrentAt > CONCURRENCY_MEMORY_MS) return w.waiting.length;
    const recent = Math.ceil((w.handedOut / Math.max(1, now - w.since)) * LEASE_HORIZON_MS);
    const share = Math.floor((limit - w.seen) / 2);
    return Math.max(w.waiting.length, Math.min(recent, MAX_LEASE, share));
  }

  private async lease(clientKey: string, w: ClientWindow): Promise<void> {
    w.leasing = true;
    try {
      while (w.waiting.length) {
        const now = Date.now();
        const n = this.leaseSize(w, w.waiting[0]!.limit, now);
        w.handedOut = 0;
        w.since = now;
        const key = `${this.prefix}rl:${clientKey}:${w.window}`;
        let total: number;
        let ttl: number;
        try {
          this.leases += 1;
          [total, ttl] = (await this.redis.eval(LEASE_SCRIPT, { keys: [key], arguments: [String(this.windowMs), String(n)] })) as [
            number,
            number,
          ];
        } catch (err) {
          this.onError(err);
          for (const waiter of w.waiting.splice(0)) waiter.resolve(this.decideLocally(clientKey, waiter.limit));
          return;
        }
        w.next = total - n + 1;
        w.last = total;
        w.seen = Math.max(w.seen, total);
        w.resetAtMs = Date.now() + Math.max(0, ttl);
        while (w.waiting.length && w.next <= w.last) {
          const waiter = w.waiting.shift()!;
          waiter.resolve(this.take(w, waiter.limit));
        }
        // Still waiting (the lease was shared or too small): refused if the counter has reached their limit, else
        // the loop leases again for them.
        for (const waiter of w.waiting.splice(0)) {
          if (w.seen >= waiter.limit) waiter.resolve(this.decide(waiter.limit + 1, waiter.limit, w.resetAtMs, 'redis'));
          else w.waiting.push(waiter);
        }
      }
    } finally {
      w.leasing = false;
    }
  }

  private decideLocally(clientKey: string, limit: number): RateDecision {
    const now = Date.now();
    const resetAt = (Math.floor(now / this.windowMs) + 1) * this.windowMs;
    const entry = this.local.get(clientKey);
    const current = entry && entry.resetAt === resetAt ? entry : { count: 0, resetAt };
    current.count += 1;
    this.local.set(clientKey, current);
    if (this.local.size > MAX_TRACKED_CLIENTS) for (const [k, v] of this.local) if (v.resetAt <= now) this.local.delete(k);
    return this.decide(current.count, limit, resetAt, 'local');
  }

  private sweep(window: number): void {
    for (const [k, v] of this.clients) if (v.window !== window && !v.leasing) this.clients.delete(k);
  }

  private decide(count: number, limit: number, resetAtMs: number, store: 'redis' | 'local'): RateDecision {
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt: Math.ceil(resetAtMs / 1000), store };
  }
}
