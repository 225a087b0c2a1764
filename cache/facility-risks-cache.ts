import type { FacilityRisks } from '../domain/read-models.js';
import type { RedisClient } from './redis.js';

/**
 * Hot /risks results in Redis. Keys carry the read-model version so a shape change never serves stale shapes.
 * Redis is an accelerator, not a source of truth: every failure reads as a miss and is reported, never thrown.
 */
export class FacilityRisksCache {
  static readonly version = 'v1';

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  key(facilityId: string): string {
    return `${this.prefix}${FacilityRisksCache.version}:risks:${facilityId}`;
  }

  async get(facilityId: string): Promise<FacilityRisks | null> {
    try {
      const raw = await this.redis.get(this.key(facilityId));
      return raw ? (JSON.parse(raw) as FacilityRisks) : null;
    } catch (err) {
      this.onError(err);
      return null;
    }
  }

  async set(facilityId: string, value: FacilityRisks): Promise<boolean> {
    try {
      await this.redis.set(this.key(facilityId), JSON.stringify(value), { EX: this.ttlSeconds });
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }

  async invalidate(facilityId: string): Promise<void> {
    try {
      await this.redis.del(this.key(facilityId));
    } catch (err) {
      this.onError(err);
    }
  }
}
