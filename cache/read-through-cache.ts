/**
 * Two-level read-through cache: L1 an in-process LRU per API replica, L2 Redis shared by all replicas, then the
 * loader (MongoDB). Concurrent misses for one key share one load (stampede control). Values carry an ETag.
 * Redis is an accelerator only: its failures read as misses and are reported, never thrown.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis.js';
import { LruCache } from './lru.js';

/**
 * A cached value as its JSON text — the bytes a response sends, as stored in Redis — and the ETag of those bytes.
 * The value is parsed from the text only when someone asks for it (and then once); the API answers cached
 * resources with `json` as is, so a cache hit costs no serialisation and holds no object graph in memory.
 */
export class Cached<T> {
  private parsed: { value: T } | undefined;

  constructor(
    readonly json: string,
    readonly etag: string,
  ) {}

  get value(): T {
    this.parsed ??= { value: JSON.parse(this.json) as T };
    return this.parsed.value;
  }
}

export type CacheSource = 'l1' | 'l2' | 'store';

export interface CacheStats {
  l1: number;
  l2: number;
  store: number;
}

export function etagOf(json: string): string {
  return `"${createHash('sha1').update(json).digest('base64url')}"`;
}

export class ReadThroughCache {
  private readonly l1: LruCache<Cached<unknown>>;
  private readonly inflight = new Map<string, Promise<Cached<unknown> | null>>();
  readonly stats: CacheStats = { l1: 0, l2: 0, store: 0 };

  constructor(
    private readonly redis: RedisClient | null,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    l1: { maxEntries: number; ttlMs: number },
    private readonly onError: (err: unknown) => void = () => {},
    /** Told which level answered each read that found a value (metrics). */
    private readonly onHit: (source: CacheSource) => void = () => {},
  ) {
    this.l1 = new LruCache(l1.maxEntries, l1.ttlMs);
  }

  async get<T>(key: string, load: () => Promise<T | null>): Promise<{ cached: Cached<T>; source: CacheSource } | null> {
    const local = this.l1.get(key) as Cached<T> | undefined;
    if (local) {
      this.stats.l1 += 1;
      this.onHit('l1');
      return { cached: local, source: 'l1' };
    }
    const remote = await this.fromRedis<T>(key);
    if (remote) {
      this.stats.l2 += 1;
      this.onHit('l2');
      this.l1.set(key, remote);
      return { cached: remote, source: 'l2' };
    }
    let pending = this.inflight.get(key) as Promise<Cached<T> | null> | undefined;
    if (!pending) {
      pending = this.loadAndStore(key, load);
      this.inflight.set(key, pending);
      void pending.finally(() => this.inflight.delete(key)).catch(() => undefined);
    }
    const loaded = await pending;
    if (!loaded) return null;
    this.stats.store += 1;
    this.onHit('store');
    return { cached: loaded, source: 'store' };
  }

  /** Forgets this replica's L1 entries for a facility (on an invalidation message). */
  forgetLocal(fragment: string): number {
    return this.l1.deleteMatching(fragment);
  }

  /** Writes a value through both levels (the worker warms the cache after an assessment). */
  async put<T>(key: string, value: T): Promise<Cached<T>> {
    const json = JSON.stringify(value);
    const cached = new Cached<T>(json, etagOf(json));
    this.l1.set(key, cached);
    await this.toRedis(key, json);
    return cached;
  }

  private async loadAndStore<T>(key: string, load: () => Promise<T | null>): Promise<Cached<T> | null> {
    const value = await load();
    if (value === null) return null;
    return this.put(key, value);
  }

  private async fromRedis<T>(key: string): Promise<Cached<T> | null> {
    if (!this.redis) return null;
    try {
      const raw = await this.redis.get(this.prefix + key);
      return raw ? new Cached<T>(raw, etagOf(raw)) : null;
    } catch (err) {
      this.onError(err);
      return null;
    }
  }

  private async toRedis(key: string, json: string): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.set(this.prefix + key, json, { EX: this.ttlSeconds });
    } catch (err) {
      this.onError(err);
    }
  }
}
