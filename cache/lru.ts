/** A small in-process LRU with per-entry expiry (level 1 of the read cache). Map keeps insertion order. */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.expires <= now) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    this.map.delete(key);
    this.map.set(key, { value, expires: now + this.ttlMs });
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value as string);
  }

  /** Drops every key containing `fragment` (e.g. a facility id). */
  deleteMatching(fragment: string): number {
    let n = 0;
    for (const key of this.map.keys())
      if (key.includes(fragment)) {
        this.map.delete(key);
        n += 1;
      }
    return n;
  }

  get size(): number {
    return this.map.size;
  }
}
