import type { FacilityRisksCache } from '../../cache/facility-risks-cache.js';
import type { FacilityRisks } from '../../domain/read-models.js';
import type { FacilityResultRepository } from '../../store/facility-result-repository.js';
import { orUnavailable } from './unavailable.js';

export interface RisksRead {
  body: FacilityRisks;
  source: 'cache' | 'store';
}

/** /risks reads: Redis first, then the MongoDB read model (one lookup), which then warms the cache. */
export class FacilityRisksReader {
  constructor(
    private readonly cache: FacilityRisksCache,
    private readonly repo: FacilityResultRepository,
  ) {}

  async read(facilityId: string): Promise<RisksRead | null> {
    const cached = await this.cache.get(facilityId);
    if (cached) return { body: cached, source: 'cache' };
    const body = await orUnavailable('MongoDB', () => this.repo.readRisks(facilityId));
    if (!body) return null;
    await this.cache.set(facilityId, body);
    return { body, source: 'store' };
  }
}
