/**
 * The organisation each facility belongs to, for organisation-scoped access decisions. Read from MongoDB only —
 * never from the shared cache, where whoever can write Redis could move a facility into their organisation — and
 * remembered in this process only (bounded, for `ttlMs`, 10 s by default: a facility moved to another organisation
 * is seen by every replica within that time).
 */
import { LruCache } from '../../cache/lru.js';
import type { Collections } from '../../store/collections.js';

export class FacilityOrganizations {
  private readonly known: LruCache<string | null>;

  constructor(
    private readonly c: Pick<Collections, 'facilityResults'>,
    ttlMs = 10_000,
    maxEntries = 10_000,
  ) {
    this.known = new LruCache(maxEntries, ttlMs);
  }

  /** The facility's organisation; null when it has not been assessed (its organisation is not known yet). */
  async of(facilityId: string): Promise<string | null> {
    const known = this.known.get(facilityId);
    if (known !== undefined) return known;
    const doc = await this.c.facilityResults.findOne({ _id: facilityId }, { projection: { organization_id: 1 } });
    const org = doc?.organization_id ?? null;
    this.known.set(facilityId, org);
    return org;
  }
}
