/**
 * Reads of precomputed assessment results for the API, through the two-level cache, with the caller's access
 * policy applied. A facility outside the policy and a facility that does not exist answer the same way.
 */
import type { FacilityPointer, FacilityResource } from '../../results/result-keys.js';
import { resultKeys } from '../../results/result-keys.js';
import type { CacheSource, Cached, ReadThroughCache } from '../../cache/read-through-cache.js';
import { PortfolioAccumulator } from '../../domain/portfolio-summary.js';
import type { PortfolioSummary } from '../../domain/read-models.js';
import type { Collections } from '../../store/collections.js';
import type { FacilityResults } from '../../results/facility-results.js';
import type { EquipmentListQuery } from '../../results/equipment-listing.js';
import { currentEquipment, listEquipment, listFacilities, rowsInScope, type FacilityListQuery } from '../../results/queries.js';
import type { FacilityDirectory } from '../../results/facility-directory.js';
import { mayAccess, scopeOf } from '../security/access.js';
import type { Principal } from '../security/principal.js';
import type { WhatIfAction } from '../../domain/what-if.js';
import { whatIf, type WhatIfResult } from '../../results/what-if.js';
import { readEquipmentDetail } from '../../results/equipment-details.js';
import type { ImmutableReads } from '../../results/immutable-reads.js';
import { orUnavailable } from './unavailable.js';

export type Read =
  /**
   * `json`: the resource as the JSON text cached for it, sent as is; `bytes`: that text in UTF-8, when known;
   * `etag`: the ETag of exactly those bytes.
   */
  | { kind: 'found'; json: string; bytes?: Uint8Array<ArrayBuffer>; etag: string; source: CacheSource }
  | { kind: 'not_visible' }
  | { kind: 'not_assessed' };

/**
 * Each cached value's JSON text in UTF-8, encoded once per cached entry and kept as long as the entry is. A body
 * sent as a string is measured and encoded again on every response (Buffer.byteLength, then the socket write):
 * for the 13–20 KB result bodies, which hold a few non-Latin-1 characters (en dashes) and so are two-byte strings
 * in V8, that was ~18 µs per read.
 */
const encoded = new WeakMap<Cached<unknown>, Uint8Array<ArrayBuffer>>();
function bytesOf(cached: Cached<unknown>): Uint8Array<ArrayBuffer> {
  let bytes = encoded.get(cached);
  if (!bytes) encoded.set(cached, (bytes = Buffer.from(cached.json, 'utf8')));
  return bytes;
}

export class ResultsReader {
  /**
   * Portfolio summaries per directory version and caller scope: the directory is replaced, never changed, when a
   * facility's row changes, so a summary computed for one version is that version's for as long as it is current.
   */
  private readonly summaries = new WeakMap<ReadonlyMap<string, unknown>, Map<string, PortfolioSummary>>();

  constructor(
    private readonly c: Collections,
    private readonly repo: FacilityResults,
    private readonly cache: ReadThroughCache,
    private readonly directory: FacilityDirectory,
    private readonly reads: ImmutableReads,
  ) {}

  /** Which assessment is current (from the cache: it decides what is read, never whether it may be). */
  private pointer(facilityId: string): Promise<FacilityPointer | null> {
    return orUnavailable('MongoDB', async () => {
      const hit = await this.cache.get<FacilityPointer>(resultKeys.pointer(facilityId), async () => {
        const doc = await this.c.facilityResults.findOne({ _id: facilityId }, { projection: { assessment_id: 1 } });
        return doc ? { assessment_id: doc.assessment_id } : null;
      });
      return hit?.cached.value ?? null;
    });
  }

  /**
   * The access decision, from the token and MongoDB only: a facility the token names (or every facility) needs no
   * lookup; an organisation-scoped token needs the facility's organisation, read from MongoDB.
   */
  private async mayRead(p: Principal, facilityId: string): Promise<boolean> {
    if (mayAccess(p, facilityId)) return true;
    if (p.organizations.size === 0) return false;
    // The facility's organisation from the directory (read from MongoDB, never from the shared cache).
    const org = await orUnavailable('MongoDB', async () => (await this.directory.current()).get(facilityId)?.organization_id ?? null);
    return mayAccess(p, facilityId, org);
  }

  async facilityResource<R extends FacilityResource>(p: Principal, facilityId: string, resource: R): Promise<Read> {
    if (!(await this.mayRead(p, facilityId))) return { kind: 'not_visible' };
    const ptr = await this.pointer(facilityId);
    if (!ptr) return { kind: 'not_assessed' };
    const hit = await orUnavailable('MongoDB', () =>
      this.cache.get(resultKeys.resource(resource, facilityId, ptr.assessment_id), () => this.repo.body(facilityId, resource)),
    );
    if (!hit) return { kind: 'not_assessed' };
    return { kind: 'found', json: hit.cached.json, bytes: bytesOf(hit.cached), etag: hit.cached.etag, source: hit.source };
  }

  /** The facility re-scored with actions applied (results/what-if.ts), under the same policy as its reads. */
  async whatIf(p: Principal, facilityId: string, actions: WhatIfAction[]): Promise<WhatIfResult | { kind: 'not_visible' }> {
    if (!(await this.mayRead(p, facilityId))) return { kind: 'not_visible' };
    return orUnavailable('MongoDB', () => whatIf(this.c, facilityId, actions));
  }

  /** Whether the facility is visible (assessed or not): for routes that must not confirm existence otherwise. */
  facilityVisible(p: Principal, facilityId: string): Promise<boolean> {
    return this.mayRead(p, facilityId);
  }

  /** Facility ids the caller may see (its listed ids plus assessed facilities of its organisations), or 'all'. */
  visibleFacilityIds(p: Principal): Promise<string[] | 'all'> {
    if (p.facilities === 'all') return Promise.resolve('all');
    const ids = new Set(p.facilities);
    if (p.organizations.size === 0) return Promise.resolve([...ids]);
    return orUnavailable('MongoDB', async () => {
      for (const r of (await this.directory.current()).values()) if (p.organizations.has(r.organization_id)) ids.add(r._id);
      return [...ids];
    });
  }

  listFacilities(p: Principal, q: FacilityListQuery) {
    return orUnavailable('MongoDB', async () => listFacilities(await this.directory.current(), scopeOf(p), q));
  }

  async listEquipment(p: Principal, facilityId: string, q: EquipmentListQuery) {
    if (!(await this.mayRead(p, facilityId))) return { kind: 'not_visible' } as const;
    const ptr = await this.pointer(facilityId);
    if (!ptr) return { kind: 'not_assessed' } as const;
    return { kind: 'found', page: await orUnavailable('MongoDB', () => listEquipment(this.c, this.repo, facilityId, q)) } as const;
  }

  /**
   * The facility of the current assessed equipment a photo belongs to, when the caller may see it; else null
   * (reads by _id only).
   */
  photoFacility(p: Principal, photoId: string): Promise<string | null> {
    return orUnavailable('MongoDB', async () => {
      const at = await this.c.equipmentLocators.findOne({ _id: `p:${photoId}` });
      if (!at) return null;
      const facility = await this.c.facilityResults.findOne(
        { _id: at.facility_id },
        { projection: { assessment_id: 1, organization_id: 1, equipment_detail: 1 } },
      );
      if (!facility || !mayAccess(p, at.facility_id, facility.organization_id)) return null;
      const doc = await readEquipmentDetail(this.c, facility.assessment_id, facility.equipment_detail, at.equipment_id, this.reads);
      return doc?.photo_ids.includes(photoId) ? at.facility_id : null;
    });
  }

  equipment(p: Principal, equipmentId: string) {
    return orUnavailable('MongoDB', () => currentEquipment(this.c, scopeOf(p), equipmentId, this.reads));
  }

  /** The portfolio summary over every facility the caller may see, summed from the directory (no query per facility). */
  portfolio(p: Principal): Promise<PortfolioSummary> {
    return orUnavailable('MongoDB', async () => {
      const directory = await this.directory.current();
      const scope = scopeOf(p);
      const key = scope.all ? '*' : JSON.stringify([[...scope.facilityIds].sort(), [...scope.organizationIds].sort()]);
      let memo = this.summaries.get(directory);
      if (!memo) this.summaries.set(directory, (memo = new Map()));
      const hit = memo.get(key);
      if (hit) return hit;
      const acc = new PortfolioAccumulator();
      let latest = '';
      const rows = rowsInScope(directory, scope).sort((a, b) => (a._id < b._id ? -1 : 1));
      for (const r of rows) {
        acc.add({ listItem: r.list_item, compliance: r.compliance, history: r.history });
        if (r.list_item.last_updated > latest) latest = r.list_item.last_updated;
      }
      const summary = acc.finish(latest || new Date(0).toISOString());
      // Bounded: distinct scopes per directory version (a version lives until the next facility change).
      if (memo.size >= 1000) memo.clear();
      memo.set(key, summary);
      return summary;
    });
  }
}
