import { describe, expect, it } from 'vitest';
import { LruCache } from '../../cache/lru.js';
import { ReadThroughCache } from '../../cache/read-through-cache.js';

describe('level-1 LRU', () => {
  it('should evict the least recently used entry and expire old ones', () => {
    const lru = new LruCache<number>(2, 1_000);
    lru.set('a', 1, 0);
    lru.set('b', 2, 0);
    expect(lru.get('a', 10)).toBe(1); // a is now most recent
    lru.set('c', 3, 10);
    expect(lru.get('b', 10)).toBeUndefined();
    expect(lru.get('a', 10)).toBe(1);
    expect(lru.get('a', 2_000)).toBeUndefined();
  });

  it('should forget every key of a facility', () => {
    const lru = new LruCache<number>(10, 1_000);
    lru.set('v1:risks:fac-1:asm_a', 1);
    lru.set('v1:ptr:fac-1', 2);
    lru.set('v1:ptr:fac-10', 3);
    expect(lru.deleteMatching(':fac-1:')).toBe(1);
    expect(lru.get('v1:ptr:fac-10')).toBe(3);
  });
});

describe('read-through cache without Redis', () => {
  it('should let concurrent misses for one key share a single load (stampede control)', async () => {
    const cache = new ReadThroughCache(null, 'p:', 60, { maxEntries: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 30));
      return { value: 42 };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', load)));
    expect(loads).toBe(1);
    expect(new Set(results.map((r) => r?.cached.etag)).size).toBe(1);
    expect((await cache.get('k', load))?.source).toBe('l1');
    expect(loads).toBe(1);
  });

  it('should not cache a miss, so a result that appears later is found', async () => {
    const cache = new ReadThroughCache(null, 'p:', 60, { maxEntries: 10, ttlMs: 60_000 });
    let value: number | null = null;
    expect(await cache.get('k', async () => value)).toBeNull();
    value = 7;
    expect((await cache.get('k', async () => value))?.cached.value).toBe(7);
  });

  it('should let a failed load fail every waiter and try again next time', async () => {
    const cache = new ReadThroughCache(null, 'p:', 60, { maxEntries: 10, ttlMs: 60_000 });
    await expect(
      Promise.all([
        cache.get('k', async () => {
          throw new Error('mongo down');
        }),
        cache.get('k', async () => 1),
      ]),
    ).rejects.toThrow('mongo down');
    expect((await cache.get('k', async () => 2))?.cached.value).toBe(2);
  });
});
