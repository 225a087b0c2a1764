import { facilityBody } from './bodies.js';
import type { FacilityResults } from './facility-results.js';
import { publishInvalidation } from '../cache/invalidation.js';
import type { ReadThroughCache } from '../cache/read-through-cache.js';
import type { RedisClient } from '../cache/redis.js';
import { resultKeys, type FacilityResource } from './result-keys.js';

/**
 * After an assessment completes: point the facility at its new assessment in Redis, put its read models there
 * (so ThreatMap's next read is a hit), and tell every API replica to drop the facility from its L1.
 */
export class FacilityCacheWarmer {
  constructor(
    private readonly cache: ReadThroughCache,
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly results: FacilityResults,
  ) {}

  async refresh(facilityId: string): Promise<{ cached: boolean }> {
    const doc = await this.results.current(facilityId);
    if (!doc) return { cached: false };
    for (const resource of ['risks', 'detail', 'compliance'] as const satisfies readonly FacilityResource[]) {
      await this.cache.put(resultKeys.resource(resource, facilityId, doc.assessment_id), facilityBody(doc, resource));
    }
    await this.cache.put(resultKeys.pointer(facilityId), { assessment_id: doc.assessment_id });
    // Redis down: the puts above reported it; the publish throws so the activity retries.
    await publishInvalidation(this.redis, this.prefix, { facilityId, assessmentId: doc.assessment_id });
    return { cached: true };
  }
}
