/**
 * The leased rate limiter against the test stack's real Redis: replicas take tokens in leases, yet together they
 * never admit more than the limit per window, a busy client costs a Redis call per lease rather than per request,
 * and a client sending one request at a time is limited exactly.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { connectRedis, type RedisClient } from '../../cache/redis.js';
import { RedisRateLimiter, type RateDecision } from '../../api/security/rate-limiter.js';
import { uniqueSuffix } from '../support/test-names.js';

const stack = inject('stack');
const prefix = `mbtest:rl:${uniqueSuffix()}:`;
let redis: RedisClient;

beforeAll(async () => {
  redis = await connectRedis(stack.redis);
});

afterAll(async () => {
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
  await redis.quit();
});

const admitted = (ds: RateDecision[]) => ds.filter((d) => d.allowed).length;
/** A day-long window, so that no test straddles a window boundary (which would rightly admit more). */
const WINDOW_MS = 86_400_000;
const replica = () => new RedisRateLimiter(redis, prefix, WINDOW_MS);

describe('leased rate limiter, two replicas sharing Redis', () => {
  it('should never admit more than the limit under a concurrent burst, and use far fewer Redis calls than requests', async () => {
    const a = replica();
    const b = replica();
    const client = `sub:burst-${Date.now()}`;
    const limit = 2_000;
    const decisions: RateDecision[] = [];
    // Waves of 50 concurrent requests (like 50 keep-alive connections), alternating replicas, 6,000 in all.
    for (let wave = 0; wave < 120; wave++) {
      decisions.push(...(await Promise.all(Array.from({ length: 50 }, (_, i) => ((wave + i) % 2 ? a : b).check(client, limit)))));
    }
    expect(admitted(decisions)).toBeLessThanOrEqual(limit);
    // Refused early only by what the other replica holds unused (a lease is at most half of what is left).
    expect(admitted(decisions)).toBeGreaterThan(limit * 0.9);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.remaining === 0 && d.store === 'redis')).toBe(true);
    expect(a.leases + b.leases).toBeLessThan(decisions.length / 5);
    // What the replicas handed out is what Redis counted: no token was admitted twice.
    const counted = Number(await redis.get(`${prefix}rl:${client}:${Math.floor(Date.now() / WINDOW_MS)}`));
    expect(counted).toBeGreaterThanOrEqual(admitted(decisions));
  });

  it('should limit a client sending one request at a time exactly, whichever replica answers', async () => {
    const a = replica();
    const b = replica();
    const client = `sub:serial-${Date.now()}`;
    const decisions: RateDecision[] = [];
    for (let i = 0; i < 12; i++) decisions.push(await (i % 3 ? a : b).check(client, 10));
    expect(decisions.map((d) => d.allowed)).toEqual([...Array<boolean>(10).fill(true), false, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0]);
  });

  it('should refuse locally, without Redis, once the counter has reached the limit', async () => {
    const a = replica();
    const client = `sub:exhausted-${Date.now()}`;
    for (let i = 0; i < 3; i++) expect((await a.check(client, 3)).allowed).toBe(true);
    const calls = a.leases;
    const refused = await Promise.all(Array.from({ length: 100 }, () => a.check(client, 3)));
    expect(refused.every((d) => !d.allowed)).toBe(true);
    expect(a.leases - calls).toBeLessThanOrEqual(1);
  });
});
